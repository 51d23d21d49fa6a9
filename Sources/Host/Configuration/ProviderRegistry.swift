import SourceAPI

/// Maps a provider `type` from `plugins.json` to the code that builds it.
///
/// Registration is static, in the executable's composition root:
/// `registry.register("LocalFiles") { id, options, context in try LocalFilesProvider(...) }`.
public struct ProviderRegistry: Sendable {
    public typealias Factory = @Sendable (ProviderID, ProviderOptions, ProviderContext) throws -> any SourceProvider

    private var factories: [String: Factory] = [:]

    public init() {}

    public mutating func register(_ type: String, factory: @escaping Factory) {
        precondition(factories[type] == nil, "provider type \(type) registered twice")
        factories[type] = factory
    }

    public var types: [String] { factories.keys.sorted() }

    /// Builds the enabled providers of a plugins file, in file order.
    public func build(_ file: PluginsFile, context: ProviderContext) throws -> [ConfiguredProvider] {
        var built: [ConfiguredProvider] = []
        for entry in file.entries {
            guard let factory = factories[entry.type] else {
                throw PluginsFileError(
                    path: file.path, entry: entry.label, key: "type",
                    problem: "unknown provider type \"\(entry.type)\"; this build knows \(types.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            guard entry.enabled else {
                built.append(ConfiguredProvider(entry: entry, provider: nil))
                continue
            }
            do {
                built.append(ConfiguredProvider(entry: entry, provider: try factory(entry.id, entry.options, context)))
            } catch let error as ProviderOptionError {
                throw PluginsFileError(path: file.path, entry: entry.label, key: "options.\(error.key)", problem: error.problem)
            } catch {
                throw PluginsFileError(path: file.path, entry: entry.label, key: nil, problem: "cannot start: \(error)")
            }
        }
        return built
    }
}

/// One entry of `plugins.json` with its provider, built when enabled.
public struct ConfiguredProvider: Sendable {
    public var entry: PluginsFile.Entry
    public var provider: (any SourceProvider)?

    public var id: ProviderID { entry.id }
    public var enabled: Bool { provider != nil }
}
