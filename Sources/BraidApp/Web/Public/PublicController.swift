import BraidCore
import Vapor

/// The public pages: no login, nothing stored, no cookies set.
enum PublicController {
    static func register(_ app: Application) {
        app.get(.home) { req in
            Response.html(HomeView.render(crisis: req.braid.crisisResources, copy: req.publicCopy))
        }
        app.get(.selfCheck) { req in
            Response.html(SelfCheckView.form(SelfCheckForm(), crisis: req.braid.crisisResources, copy: req.publicCopy))
        }
        app.post(.selfCheck) { req in
            var form = SelfCheckForm(values: (try? req.content.decode([String: String].self)) ?? [:])
            guard let answers = form.answers() else {
                return Response.html(
                    SelfCheckView.form(form, crisis: req.braid.crisisResources, copy: req.publicCopy),
                    status: .unprocessableEntity)
            }
            do {
                return Response.html(
                    SelfCheckView.result(
                        try SelfCheckResult.evaluate(answers), crisis: req.braid.crisisResources, copy: req.publicCopy))
            } catch let error as ValidationError {
                form.errors[error.field] = error.message
                return Response.html(
                    SelfCheckView.form(form, crisis: req.braid.crisisResources, copy: req.publicCopy),
                    status: .unprocessableEntity)
            }
        }
        app.get(.stylesheet) { _ in
            let response = Response(status: .ok, body: .init(string: Stylesheet.css))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            return response
        }
    }
}
