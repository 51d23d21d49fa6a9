import ArgumentParser
import Foundation
import Host

/// Accounts from the command line: the way to make the first admin of a server whose
/// registration is closed, or to let someone back in.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Create and list accounts.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Create an account (whatever MYSPOTIFY_REGISTRATION says). The password is read from standard input.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The email address to sign in with.") var email: String
        @Flag(help: "Make the account an admin.") var admin = false

        func run() async throws {
            // From standard input, never an argument: arguments show in `ps` and shell history.
            if isatty(STDIN_FILENO) != 0 { FileHandle.standardError.write(Data("password: ".utf8)) }
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError("give the password on standard input, e.g. `myspotify user add \(email) < password-file`")
            }
            let host = try common.makeHost(logger: CommandLogging.bootstrap())
            let accounts = try await Accounts(host: host, settings: Environment.accountSettings())
            let user = try await accounts.create(email: email, password: password, role: admin ? .admin : nil)
            print("created \(user.email) (\(user.role.rawValue)) \(user.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List accounts.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let host = try common.makeHost(logger: CommandLogging.bootstrap())
            let accounts = try await Accounts(host: host, settings: Environment.accountSettings())
            let rows = try await accounts.list().map { user in
                [user.id, user.email, user.role.rawValue, user.disabled ? "disabled" : "active"]
            }
            print(TextTable.render(header: ["ID", "EMAIL", "ROLE", "STATE"], rows: rows))
        }
    }
}
