import Synchronization

/// Counts the open connections, in all and per peer address, and decides whether a new
/// one may stay. A dictionary entry exists only for an address with open connections, so
/// the table is as small as the connection count.
final class ConnectionAdmission: Sendable {
    /// What becomes of a new connection.
    enum Decision: Equatable {
        /// Served; `closed(address:)` must follow when it closes.
        case admitted
        /// Answered with this refusal and closed; `refusalEnded()` must follow.
        case refused(ConnectionRefusal.Reason)
        /// Closed at once without an answer: too many refusals are already being sent.
        case dropped
    }

    /// Refusals being written and lingering at once; beyond it a connection over the limits
    /// is closed without an answer, so a flood costs one accept and one close each.
    static let maxRefusing = 64

    private let limits: ConnectionLimits
    private let perAddress: Bool
    private let state = Mutex(State())

    private struct State {
        var open = 0
        var byAddress: [String: Int] = [:]
        var refusing = 0
    }

    /// - Parameter perAddress: whether to limit connections per peer address (not behind a
    ///   trusted proxy, whose address every connection has).
    init(limits: ConnectionLimits, perAddress: Bool) {
        self.limits = limits
        self.perAddress = perAddress
    }

    /// Admits or refuses a connection from `address` (nil when unknown).
    func admit(address: String?) -> Decision {
        state.withLock { state in
            let key = perAddress ? address : nil
            let reason: ConnectionRefusal.Reason
            if state.open >= limits.maxConnections {
                reason = .busy
            } else if let key, state.byAddress[key, default: 0] >= limits.maxConnectionsPerAddress {
                reason = .tooManyFromAddress
            } else {
                state.open += 1
                if let key { state.byAddress[key, default: 0] += 1 }
                return .admitted
            }
            guard state.refusing < Self.maxRefusing else { return .dropped }
            state.refusing += 1
            return .refused(reason)
        }
    }

    /// An admitted connection from `address` closed.
    func closed(address: String?) {
        state.withLock { state in
            state.open -= 1
            guard perAddress, let address, let count = state.byAddress[address] else { return }
            state.byAddress[address] = count > 1 ? count - 1 : nil
        }
    }

    /// A refused connection closed.
    func refusalEnded() {
        state.withLock { $0.refusing -= 1 }
    }
}
