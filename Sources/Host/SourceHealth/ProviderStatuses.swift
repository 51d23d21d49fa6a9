import Foundation

/// The providers' health, asked of all of them at once: a health check may run a tool
/// (`yt-dlp --version`), and one slow source must not hold up the others'.
struct ProviderStatuses: Sendable {
    let providers: [ConfiguredProvider]
    let errors: SourceErrors

    /// With `detailed` (admins, the command line), what is wrong in the tool's own words and
    /// what went wrong last; without, a plain sentence and no detail, since health checks and
    /// tool output name folders, commands and addresses of this server.
    func all(detailed: Bool) async -> [ProviderStatus] {
        let problems = await withTaskGroup(of: (Int, String?).self) { group in
            for (index, configured) in providers.enumerated() {
                group.addTask { (index, await configured.provider?.healthProblem()) }
            }
            var problems = [String?](repeating: nil, count: providers.count)
            for await (index, problem) in group { problems[index] = problem }
            return problems
        }
        return zip(providers, problems).map { configured, problem in
            let name = configured.provider?.displayName ?? configured.id.rawValue
            let said = SourceFailure.capitalized(name)
            let failing = configured.enabled && problem == nil ? errors.failing(configured.id.rawValue) : nil
            let healthy = configured.enabled && problem == nil && failing == nil
            let state: ProviderStatus.State = !configured.enabled ? .disabled : problem != nil ? .unavailable : failing != nil ? .failing : .healthy
            let reason: String? = switch state {
            case .healthy: nil
            case .disabled: "\(said) is turned off in this server's plugins.json."
            case .unavailable: "\(said) is not available right now: its tool does not start or answer on this server."
            case .failing: Self.failingReason(name: said, failure: failing)
            }
            return ProviderStatus(
                id: configured.id.rawValue, type: configured.entry.type, name: name, enabled: configured.enabled,
                healthy: healthy, state: state, reason: reason,
                problem: detailed ? problem : (configured.enabled && !healthy ? "\(said) is not available right now" : nil),
                lastError: detailed ? errors.last(for: configured.id.rawValue) : nil)
        }
    }

    /// "Searches are failing: YouTube could not be reached: check this server's internet connection."
    static func failingReason(name: String, failure: SourceErrors.Entry?) -> String {
        let what = failure?.action == "download" ? "Downloads are failing" : "Searches are failing"
        guard let summary = failure?.summary, !summary.isEmpty else { return "\(what) on \(name)." }
        return "\(what): \(summary)."
    }
}
