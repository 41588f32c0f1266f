import BraidCore
import Foundation
import Plot

/// A kept plan (safety, relapse prevention): read first (it is used in a crisis), then edited in place, one item
/// per line.
enum KeptPlanView {
    /// The plan's filled sections as lists; the pre-filled crisis lines show even before anyone edits it.
    static func sections<Section: KeptPlanSection>(_ plan: SectionedPlan<Section>, copy: Copy = .english)
        -> Node<HTML.BodyContext>
    {
        .div(
            .class("safety-plan"),
            .forEach(Section.allCases.filter { !plan.items($0).isEmpty }) { section in
                .section(
                    .h3(.text(copy(section.titleKey))),
                    .ul(.forEach(plan.items(section)) { .li(.text($0)) }))
            })
    }

    static func render<Section: KeptPlanSection>(
        title: String, stored: StoredPlan<Section>?, action: String, values: [String: String]?,
        errors: [String: String],
        notice: String? = nil, focus: ClientID? = nil, back: (href: String, label: String), context: PageContext
    ) -> String {
        let plan = stored?.plan ?? Section.starter
        let copy = context.copy
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .unwrap(notice) { .p(.class("summary"), .attribute(named: "role", value: "status"), .text($0)) },
            .unwrap(focus) { client in
                ClinicianViews.openAlerts(
                    context.alerts, focus: client, returnTo: back.href, csrfToken: context.csrfToken,
                    timeZone: context.timeZone)
            },
            .p(
                .class("meta"),
                .text(
                    stored.map {
                        copy(
                            .planVersion,
                            [
                                "version": String($0.version),
                                "saved": ClinicianViews.alertTime($0.savedAt, context.timeZone),
                            ])
                    } ?? copy(Section.notWrittenKey))),
            sections(plan, copy: copy),
            .if(
                !errors.isEmpty,
                .p(.class("error"), .attribute(named: "role", value: "alert"), .text(copy(.planNotSaved)))),
            .p(.class("meta no-print"), .text(copy(.planPrint))),
            .h2(.class("no-print"), .text(copy(stored == nil ? .planWrite : .planUpdate))),
            .form(
                .action(action), .method(.post), .class("no-print"), SignedInViews.csrf(context.csrfToken),
                .p(.class("meta"), .text(copy(.planOnePerLine))),
                .forEach(Section.allCases) { section in
                    .div(
                        .label(.for(section.rawValue), .text(copy(section.titleKey))),
                        ClinicianViews.fieldError(errors, section.rawValue),
                        .textarea(
                            .name(section.rawValue), .id(section.rawValue),
                            .attribute(named: "rows", value: "3"),
                            .text(values?[section.rawValue] ?? plan.items(section).joined(separator: "\n"))))
                },
                .p(.button(.type(.submit), .text(copy(Section.saveKey))))),
            .p(.a(.href(back.href), .text(back.label))),
            SignedInViews.signOut(context.csrfToken, copy: copy)
        )
        return Layout.page(
            title: context.isClient ? copy(Section.ownTitleKey) : Section.planName.sentenceCased, context: context,
            content)
    }

    /// The form's texts by section.
    static func texts<Section: KeptPlanSection>(_ form: [String: String]) -> [Section: String] {
        Dictionary(
            uniqueKeysWithValues: Section.allCases.compactMap { section in
                form[section.rawValue].map { (section, $0) }
            })
    }
}
