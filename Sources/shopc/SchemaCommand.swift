import ArgumentParser
import Foundation
import ShopcDriver

/// `shopc schema`: prints the JSON Schema of spec files (generated from the loader's key table),
/// or writes it to a file.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of spec files, for editors (yaml-language-server, VS Code).")

    @Option(name: .long, help: "Write the schema to this file instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "With --output: write nothing; exit 2 when the file differs from the schema.")
    var check = false

    func run() throws {
        let text = SpecSchemaExport.document()
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let url = URL(fileURLWithPath: output)
        if check {
            let current = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            if current != text {
                Report.note("shopc: \(output) is out of date; run `shopc schema --output \(output)`")
                throw Report.outOfDate
            }
            Report.note("shopc: \(output) is up to date")
            return
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            Report.note("shopc: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
