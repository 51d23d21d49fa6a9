import HTTPTypes

/// An answer that refuses a request at the HTTP level (a range past the end, bytes not
/// downloaded yet), thrown by the shared audio serving. Each adapter writes it in its own
/// shape: `/api` as its JSON error, `/rest` as a bare status (players read media errors
/// from the status line).
public struct HTTPRefusal: Error, Sendable {
    public var status: HTTPResponse.Status
    /// A machine-readable code (`range_not_satisfiable`).
    public var code: String
    public var message: String
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }
}
