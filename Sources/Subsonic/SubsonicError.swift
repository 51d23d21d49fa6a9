/// An error in the Subsonic protocol's terms: a code the apps know, and a message. Always
/// sent with HTTP 200 in a `failed` envelope, because clients break on other statuses.
public struct SubsonicError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Int, Sendable {
        case generic = 0
        case missingParameter = 10
        case clientTooOld = 20
        case serverTooOld = 30
        case wrongCredentials = 40
        case tokenAuthenticationNotSupported = 41
        case mechanismNotSupported = 42
        case conflictingMechanisms = 43
        case invalidAPIKey = 44
        case notAuthorized = 50
        case notFound = 70
    }

    public var code: Code
    public var message: String
    /// Where a person can read how to fix it (the apiKeyAuthentication extension).
    public var helpURL: String?

    public init(_ code: Code, _ message: String, helpURL: String? = nil) {
        self.code = code
        self.message = message
        self.helpURL = helpURL
    }

    public var description: String { "Subsonic error \(code.rawValue): \(message)" }

    static func missing(_ parameter: String) -> SubsonicError {
        SubsonicError(.missingParameter, "Required parameter is missing: \(parameter)")
    }

    var element: SubsonicElement {
        SubsonicElement("error").with { error in
            error.set("code", code.rawValue)
            error.set("message", message)
            error.set("helpUrl", helpURL)
        }
    }
}
