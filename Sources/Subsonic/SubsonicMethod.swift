import Host

/// One call being answered: its parameters, who made it, and how to shape the answer for
/// the calling app.
public struct SubsonicCall: Sendable {
    public var parameters: SubsonicParameters
    public var user: User
    public var shapes: SubsonicShapes
}

/// A method of the API that answers an envelope: the parts it puts in it.
struct SubsonicMethod: Sendable {
    /// Only an admin may call it (getUsers, startScan).
    var adminOnly = false
    var run: @Sendable (SubsonicCall) async throws -> [SubsonicElement.Member]

    init(adminOnly: Bool = false, _ run: @escaping @Sendable (SubsonicCall) async throws -> [SubsonicElement.Member]) {
        self.adminOnly = adminOnly
        self.run = run
    }
}
