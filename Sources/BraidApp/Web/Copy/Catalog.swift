/// The client-facing text, one dictionary per language (`Catalog+English.swift`, `Catalog+Spanish.swift`).
enum Catalog {}
