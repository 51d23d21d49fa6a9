import SourceAPI

/// What a provider's remote ids look like. Every id is checked before it reaches a command
/// line, so that an id such as `--exec=...` can never become an option; ids are also passed
/// after `--`.
public struct RemoteIDRule: Sendable {
    public let isValid: @Sendable (String) -> Bool
    let explanation: String

    public init(explanation: String, isValid: @escaping @Sendable (String) -> Bool) {
        self.isValid = isValid
        self.explanation = explanation
    }

    /// Throws `.invalidReference` unless `ref` belongs to `provider` and matches the rule.
    public func check(_ ref: RemoteRef, provider: ProviderID) throws {
        guard ref.provider == provider else {
            throw ProviderError.invalidReference(ref, reason: "it belongs to source \(ref.provider)")
        }
        guard !ref.id.hasPrefix("-"), isValid(ref.id) else {
            throw ProviderError.invalidReference(ref, reason: explanation)
        }
    }

    /// Characters allowed in ids: ASCII letters, digits, `-` and `_`.
    public static func isIDCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
    }
}
