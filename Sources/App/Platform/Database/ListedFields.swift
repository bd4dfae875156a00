import FluentKit

extension DatabaseOutput {
    /// Reads a row into the properties given, in place of Fluent's default `output(from:)`, which finds a model's
    /// properties by reflection for every row read (a tenth of the national dashboard's CPU went to 68 units read
    /// that way). A model that lists its properties so is named in `ModelOutputTests`, which checks the list against
    /// the reflected one.
    func read(into properties: any AnyDatabaseProperty...) throws {
        for property in properties { try property.output(from: self) }
    }
}
