// The catalog in Spanish. Spanish (es): neutral Latin-American Spanish, "usted" for the reader.

extension Catalog {
    static let spanish: [CopyKey: String] = [
        // Layout and crisis banner
        .layoutSkip: "Saltar al contenido",
        .layoutFooter:
            "Braid es un apoyo para las decisiones de los programas de tratamiento. No diagnostica; decide un profesional clínico. Todos los datos de esta demostración son ficticios.",
        .crisisRegion: "Ayuda en una crisis",
        .crisisPrompt: "¿En crisis?",
        .crisisCall: "Llame al {line}",
        .crisisSpanishOption: "(oprima 2 para español) o",
        .crisisText: "envíe AYUDA por texto al {line}",
        .crisisEmergency: "Emergencias",
        .crisisProgramLine: "Línea del programa",
        .crisisMessage:
            "No tiene que pasar por esto a solas. Llame o envíe un mensaje de texto al {line} (988 Lifeline, con atención en español) a cualquier hora; llame al {emergency} en una emergencia",
        .crisisMessageProgram: "; o llame a la línea de su programa, disponible las 24 horas: {programLine}",
        .navSafetyPlan: "Mi plan de seguridad",
        .navRelapsePlan: "Mi plan de prevención de recaídas",
        // Dates
        .dayMon: "lun",
        .dayTue: "mar",
        .dayWed: "mié",
        .dayThu: "jue",
        .dayFri: "vie",
        .daySat: "sáb",
        .daySun: "dom",
        .monthJan: "ene",
        .monthFeb: "feb",
        .monthMar: "mar",
        .monthApr: "abr",
        .monthMay: "may",
        .monthJun: "jun",
        .monthJul: "jul",
        .monthAug: "ago",
        .monthSep: "sep",
        .monthOct: "oct",
        .monthNov: "nov",
        .monthDec: "dic",
    ]
}
