import Plot

// Plot escapes text nodes but writes attribute values as given, so a `"` in a value (a name, a homework title,
// the email typed on the sign-in page) would end the attribute early: broken markup at best, injected attributes
// at worst. These declarations have the signatures of the Plot helpers Braid uses for values that can carry
// text; declared in this module, they shadow Plot's and escape the value first. Every page goes through them.

extension String {
    /// The text as an HTML attribute value: `&`, `<`, `>`, `"` and `'` as entities (the charts' `escape`).
    var attributeEscaped: String {
        contains(where: { "&<>\"'".contains($0) }) ? escape(self) : self
    }
}

extension Node {
    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(Attribute(name: name, value: value?.attributeEscaped, ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }
}

extension Attribute {
    static func attribute(named name: String, value: String?) -> Self {
        Attribute(name: name, value: value?.attributeEscaped)
    }
}

extension Attribute where Context: HTMLValueContext {
    static func value(_ value: String) -> Attribute {
        Attribute(name: "value", value: value.attributeEscaped)
    }
}

extension Node where Context: HTMLValueContext {
    static func value(_ value: String) -> Node {
        .attribute(named: "value", value: value)
    }
}

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: any URLRepresentable) -> Attribute {
        Attribute(name: "href", value: url.description.attributeEscaped)
    }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: any URLRepresentable) -> Node {
        .attribute(named: "href", value: url.description)
    }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: any URLRepresentable) -> Node {
        .attribute(named: "action", value: url.description)
    }
}
