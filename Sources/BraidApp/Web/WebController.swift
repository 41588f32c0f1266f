import BraidCore
import Vapor

/// The public pages: no login, nothing stored, no cookies set.
enum WebController {
    static func register(_ app: Application) {
        app.get(.home) { req in html(HomeView.render(crisis: req.braid.crisisResources)) }
        app.get(.selfCheck) { req in
            html(SelfCheckView.form(SelfCheckForm(), crisis: req.braid.crisisResources))
        }
        app.post(.selfCheck) { req in
            var form = SelfCheckForm(values: (try? req.content.decode([String: String].self)) ?? [:])
            guard let answers = form.answers() else {
                return html(SelfCheckView.form(form, crisis: req.braid.crisisResources), status: .unprocessableEntity)
            }
            do {
                return html(
                    SelfCheckView.result(try SelfCheckResult.evaluate(answers), crisis: req.braid.crisisResources))
            } catch let error as ValidationError {
                form.errors[error.field] = error.message
                return html(SelfCheckView.form(form, crisis: req.braid.crisisResources), status: .unprocessableEntity)
            }
        }
        app.get(.stylesheet) { _ in
            let response = Response(status: .ok, body: .init(string: Stylesheet.css))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            return response
        }
    }

    static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: body))
        response.headers.contentType = .html
        return response
    }
}
