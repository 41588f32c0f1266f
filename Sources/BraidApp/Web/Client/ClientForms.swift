import BraidCore
import Plot

/// Form pieces the client's recovery pages share: every input labelled, its error beside it and linked to it,
/// sized for a phone.
enum ClientForms {
    typealias Form = Node<HTML.FormContext>

    static func error(_ errors: [String: String], _ field: String) -> Form {
        .unwrap(errors[field]) {
            .p(.class("error"), .id("\(idFor(field))-error"), .attribute(named: "role", value: "alert"), .text($0))
        }
    }

    /// A form field name as an element id (dots and brackets are not welcome in CSS selectors).
    static func idFor(_ field: String) -> String {
        field.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    static func described(_ errors: [String: String], _ field: String) -> Attribute<HTML.InputContext> {
        .attribute(named: "aria-describedby", value: errors[field] == nil ? nil : "\(idFor(field))-error")
    }

    static func textArea(
        _ name: String, label: String, hint: String? = nil, values: [String: String], errors: [String: String],
        maxLength: Int, rows: Int = 3, required: Bool = false
    ) -> Form {
        let id = idFor(name)
        return .div(
            .class("field"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .id("\(id)-hint"), .text($0)) },
            error(errors, name),
            .textarea(
                .name(name), .id(id), .attribute(named: "rows", value: String(rows)),
                .attribute(named: "maxlength", value: String(maxLength)),
                .if(required, .attribute(named: "required", value: "required")),
                .if(errors[name] != nil, .attribute(named: "aria-describedby", value: "\(id)-error")),
                .text(values[name] ?? "")))
    }

    static func textField(
        _ name: String, label: String, values: [String: String], errors: [String: String], maxLength: Int,
        required: Bool = false, type: HTMLInputType = .text, list: String? = nil
    ) -> Form {
        let id = idFor(name)
        return .div(
            .class("field"),
            .label(.for(id), .text(label)),
            error(errors, name),
            .input(
                .type(type), .name(name), .id(id), .value(values[name] ?? ""),
                .attribute(named: "maxlength", value: String(maxLength)), .required(required),
                .attribute(named: "list", value: list), described(errors, name)))
    }

    static func number(
        _ name: String, label: String, range: ClosedRange<Int>, values: [String: String], errors: [String: String]
    ) -> Form {
        let id = idFor(name)
        return .div(
            .class("field"),
            .label(.for(id), .text(label)),
            error(errors, name),
            .input(
                .type(.number), .name(name), .id(id), .value(values[name] ?? ""),
                .attribute(named: "min", value: String(range.lowerBound)),
                .attribute(named: "max", value: String(range.upperBound)),
                .attribute(named: "inputmode", value: "numeric"), described(errors, name)))
    }

    static func date(_ name: String, label: String, values: [String: String], errors: [String: String]) -> Form {
        let id = idFor(name)
        return .div(
            .class("field"),
            .label(.for(id), .text(label)),
            error(errors, name),
            .input(.type(.date), .name(name), .id(id), .value(values[name] ?? ""), described(errors, name)))
    }

    static func select(
        _ name: String, label: String, options: [(value: String, label: String)], values: [String: String],
        errors: [String: String]
    ) -> Form {
        .div(
            .class("field"), error(errors, name),
            FormFields.select(name, id: idFor(name), label: label, options: options, selected: values[name]))
    }

    static func checkbox(_ name: String, label: String, checked: Bool) -> Form {
        .label(
            .class("choice"),
            .input(.type(.checkbox), .name(name), .value("on"), .checked(checked)),
            .text(" " + label))
    }

    /// A form's values as the JSON body the API validates: text fields as they are (empty ones left out), numbers
    /// as numbers when they read as one (otherwise the text, so validation names the field).
    static func json(
        _ form: [String: String], text: [String], numbers: [String] = [], booleans: [String] = []
    ) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        for key in text { if let value = form[key], !value.isEmpty { object[key] = .string(value) } }
        for key in numbers {
            if let value = form[key], !value.isEmpty {
                object[key] = Double(value).map(JSONValue.number) ?? .string(value)
            }
        }
        for key in booleans {
            if let value = form[key], !value.isEmpty {
                object[key] = value == "true" ? .bool(true) : value == "false" ? .bool(false) : .string(value)
            }
        }
        return object
    }

    /// The page's notice after a save, announced to screen readers.
    static func notice(_ text: String?) -> Node<HTML.BodyContext> {
        .unwrap(text) { .p(.class("summary"), .attribute(named: "role", value: "status"), .text($0)) }
    }

    /// A summary of a form's errors at its top.
    static func problems(_ errors: [String: String], copy: Copy) -> Node<HTML.BodyContext> {
        .if(
            !errors.isEmpty,
            .p(.class("error"), .attribute(named: "role", value: "alert"), .text(copy(.formProblems))))
    }

    /// The links back every recovery page ends with.
    static func back(_ copy: Copy, csrf: String) -> Node<HTML.BodyContext> {
        .group(
            .p(
                .a(.href(SiteURL.recovery.path), .text(copy(.navRecoveryTools))), .text(" · "),
                .a(.href(SiteURL.today().path), .text(copy(.navBackToToday)))),
            SignedInViews.signOut(csrf, copy: copy))
    }
}
