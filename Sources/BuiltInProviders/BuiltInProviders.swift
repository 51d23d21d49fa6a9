import Host
import LocalFiles
import SoundCloud
import YouTube

/// Every provider type this build knows, by its `type` in `plugins.json`. Adding a
/// provider is one `register` line here (see CONTRIBUTING.md); `plugins.json` then
/// decides which instances run. The executable and the tests share this list.
public enum BuiltInProviders {
    public static var registry: ProviderRegistry {
        var registry = ProviderRegistry()
        registry.register(LocalFilesProvider.typeName) { id, options, context in
            try LocalFilesProvider(id: id, options: options, context: context)
        }
        registry.register(YouTubeProvider.typeName) { id, options, context in
            try YouTubeProvider(id: id, options: options, context: context)
        }
        registry.register(SoundCloudProvider.typeName) { id, options, context in
            try SoundCloudProvider(id: id, options: options, context: context)
        }
        return registry
    }
}
