import Hummingbird

/// The request context of every route. Authentication (the next step) adds the signed-in
/// user here, so routes and middleware already name this type.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
