import BraidCore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// The client-facing text catalog (issue 14 §8): every key in both languages, placeholders that match, and the
/// Spanish pages a client or the public actually gets.
@Suite("Text catalog: English and Spanish, every key, Spanish pages")
struct CatalogTests {
    @Test("every key has an English and a Spanish entry, none blank, and no entry without a key")
    func complete() {
        for language in SpokenLanguage.allCases {
            let entries = Copy.entries(language)
            let missing = CopyKey.allCases.filter { entries[$0] == nil }
            #expect(missing.isEmpty, "\(language.rawValue) lacks \(missing.map(\.rawValue))")
            let blank = entries.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.map(\.key.rawValue)
            #expect(blank.isEmpty, "\(language.rawValue) has blank \(blank)")
            #expect(entries.count == CopyKey.allCases.count)
        }
    }

    @Test("a translation uses only placeholders the English text has, and no English one is lost but a subject")
    func placeholders() {
        for key in CopyKey.allCases {
            let english = Copy.placeholders(Catalog.english[key] ?? "")
            let spanish = Copy.placeholders(Catalog.spanish[key] ?? "")
            #expect(spanish.isSubset(of: english), "\(key.rawValue): \(spanish) ⊄ \(english)")
            // Spanish grammar may drop the possessive subject ("Your"), never a number or a name.
            #expect(
                english.subtracting(spanish).isSubset(of: ["subject"]),
                "\(key.rawValue) loses \(english.subtracting(spanish))")
        }
    }

    @Test("the English entries of plan sections match BraidCore's titles, so staff pages read as before")
    func planTitles() {
        for section in SafetyPlanSection.allCases { #expect(Copy.english(section.titleKey) == section.title) }
        for section in RelapsePlanSection.allCases { #expect(Copy.english(section.titleKey) == section.title) }
        #expect(Copy.english(.crisisMessage, ["line": "988", "emergency": "911"]) + "." == CrisisResources().message)
    }

    @Test("Accept-Language and ?lang= choose the public pages' language; English otherwise")
    func negotiation() {
        #expect(SpokenLanguage.negotiate(query: nil, acceptLanguage: nil) == .en)
        #expect(SpokenLanguage.negotiate(query: nil, acceptLanguage: "es-MX,es;q=0.9,en;q=0.8") == .es)
        #expect(SpokenLanguage.negotiate(query: nil, acceptLanguage: "en-US,en;q=0.9,es;q=0.8") == .en)
        #expect(SpokenLanguage.negotiate(query: nil, acceptLanguage: "fr-FR, es;q=0.5") == .es)
        #expect(SpokenLanguage.negotiate(query: nil, acceptLanguage: "es;q=0, en;q=0.1") == .en)
        #expect(SpokenLanguage.negotiate(query: nil, acceptLanguage: "de, fr") == .en)
        #expect(SpokenLanguage.negotiate(query: nil, acceptLanguage: "en;q=0.4, es;q=0.6") == .es)
        #expect(SpokenLanguage.negotiate(query: "es", acceptLanguage: "en") == .es)
        #expect(SpokenLanguage.negotiate(query: "EN", acceptLanguage: "es") == .en)
        #expect(SpokenLanguage.negotiate(query: "xx", acceptLanguage: "es") == .es)
    }

    @Test("a client who chooses Spanish gets a Spanish Today page, with 988's Spanish options in the banner")
    func spanishToday() async throws {
        try await withBraidApp { app, fixture, _ in
            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let english = try await client.send(.GET, "today")
            #expect(english.text.contains("<html lang=\"en\">") && english.text.contains("How is your mood today?"))
            let profile = try await client.send(.GET, "profile")
            let token = try #require(PageSession.csrf(in: profile.text))
            let bad = try await client.send(.POST, "profile", form: ["_csrf": token, "language": "fr"])
            #expect(bad.status == .unprocessableEntity)
            let saved = try await client.send(.POST, "profile", form: ["_csrf": token, "language": "es"])
            #expect(saved.status == .seeOther)
            let spanish = try await client.send(.GET, "today")
            #expect(spanish.text.contains("<html lang=\"es\">"))
            #expect(spanish.text.contains("¿Cómo está su estado de ánimo hoy?"))
            #expect(spanish.text.contains("oprima 2 para español") && spanish.text.contains("sms:988?body=AYUDA"))
            #expect(spanish.text.contains("envíe AYUDA por texto al 988"))
            #expect(!spanish.text.contains("How is your mood today?"))
            // The safety answer shows the Spanish crisis page.
            let crisis = try await client.send(
                .POST, "today",
                form: [
                    "_csrf": token, "mood": "2", "craving": "5", "sleepHours": "5", "used": "false", "safety": "true",
                ])
            #expect(crisis.text.contains("No está solo") && crisis.text.contains("Llame al 988 ahora"))
            #expect(
                try await app.repository.language(
                    of: try #require(try await app.repository.credentials(email: "k1@test.example")?.account.id)) == .es
            )
            // Staff pages stay English.
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            #expect(try await clinician.send(.GET, "clients/\(fixture.client1)").text.contains("<html lang=\"en\">"))
        }
    }

    @Test("public pages follow Accept-Language or ?lang=es, and set no cookie")
    func spanishPublic() async throws {
        try await withBraidApp { app, _, _ in
            var headers = HTTPHeaders()
            headers.add(name: .acceptLanguage, value: "es-US,es;q=0.9")
            let response = try await app.testing().sendRequest(.GET, "/", headers: headers)
            #expect(response.body.string.contains("<html lang=\"es\">"))
            #expect(response.body.string.contains("envíe AYUDA por texto al 988"))
            #expect(response.headers[.setCookie].isEmpty)
            let query = try await app.testing().sendRequest(.GET, "/self-check?lang=es")
            #expect(query.body.string.contains("<html lang=\"es\">"))
            let english = try await app.testing().sendRequest(.GET, "/login")
            #expect(english.body.string.contains("<html lang=\"en\">") && english.body.string.contains("Sign in"))
        }
    }
}

@Suite("Catalog English matches BraidCore's client wording")
struct CatalogCoreWordingTests {
    @Test("the self-check's sentences in English are BraidCore's own, word for word")
    func selfCheckWording() {
        for reason in OrderingAssessment.Reason.allCases {
            #expect(Copy.english(SelfCheckView.reasonKey(reason)) == reason.explanation.client)
        }
        for recommendation in OrderingAssessment.Recommendation.allCases {
            #expect(Copy.english(SelfCheckView.recommendationKey(recommendation)) == recommendation.explanation.client)
        }
        for pattern in [
            OrderingAssessment.Pattern.tangled, .depressionFirst, .useFirst, .noDepressiveHistory, .undetermined,
        ] {
            #expect(Copy.english(SelfCheckView.patternKey(pattern)) == SelfCheckResult.patternSentence(pattern))
        }
        let phq2 = Instrument.definition(.phq2)
        #expect(
            Copy.english(.selfPHQ2Item1) == phq2.items[0].text && Copy.english(.selfPHQ2Item2) == phq2.items[1].text)
        #expect(Copy.english(.selfPHQ2Attribution) == "PHQ-2 items: " + phq2.attribution)
        #expect(SelfCheckView.phq2Options(.english).map(\.1) == phq2.items[0].options.map(\.label))
    }

    @Test("My plan's words in English are BraidCore's own")
    func planWording() {
        for kind in ProblemKind.allCases { #expect(Copy.english(MyPlanView.problemKey(kind)) == kind.plainWords) }
        for progress in [GoalProgress.met, .onTrack, .notMet, .noData] {
            #expect(Copy.english(MyPlanView.progressKey(progress)) == progress.plainWords)
        }
        for target in GoalTarget.allCases { #expect(Copy.english(MyPlanView.targetKey(target)) == target.description) }
        for modality in Modality.allCases { #expect(Copy.english(MyPlanView.modalityKey(modality)) == modality.name) }
        for route in MedicationRoute.allCases { #expect(Copy.english(MyPlanView.routeKey(route)) == route.label) }
        #expect(Copy.english(.medsNoApproved) == MedicationFacts.noApprovedMedication)
        #expect(Copy.english(.medsAntidepressants) == MedicationFacts.antidepressants)
        let today = CalendarDate(iso: "2026-06-15")!
        let adherence = MedicationAdherence(
            answers: [today: true, today.adding(days: -1): false, today.adding(days: -2): true], today: today, days: 7)
        #expect(MyPlanView.adherence(adherence, .english) == adherence.sentence)
        #expect(
            MyPlanView.adherence(MedicationAdherence(answers: [:], today: today, days: 30), .english)
                == MedicationAdherence(answers: [:], today: today, days: 30).sentence)
    }

    @Test("the consents page's words in English are BraidCore's and the staff page's own")
    func consentWording() {
        for purpose in DisclosurePurpose.allCases {
            #expect(Copy.english(ConsentViews.purposeKey(purpose)) == purpose.label)
        }
        for status in Part2Consent.Status.allCases {
            #expect(Copy.english(ConsentViews.statusKey(status)) == ConsentViews.statusWord(status))
        }
        #expect(Copy.english(.consentScopeRecord) == ConsentScope.record.information)
        #expect(Copy.english(.consentScopeNotes) == ConsentScope.counselingNotes.information)
        #expect(Copy.english(.consentRecordWord) == ConsentViews.scopeLabel(.record))
        #expect(Copy.english(.consentNotesWord) == ConsentViews.scopeLabel(.counselingNotes))
    }
}
