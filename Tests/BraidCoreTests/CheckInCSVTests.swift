import Foundation
import Testing

@testable import BraidCore

@Suite("Check-in CSV")
struct CheckInCSVTests {
    static let header = "date,mood,craving,sleep_hours,used"

    static func error(_ text: String) -> CheckInCSVError? {
        do {
            _ = try CheckInCSV.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("reads rows, empty cells as missing, optional columns, CRLF and a trailing newline")
    func reads() throws {
        let text =
            "date,mood,craving,sleep_hours,used,safety,enjoyment\r\n2026-03-01,5,3,7.5,0,no,4\r\n2026-03-03,,,,yes,,\r\n"
        let days = try CheckInCSV.parse(text)
        #expect(days.count == 2)
        #expect(
            days[0]
                == CheckInDay(
                    date: CalendarDate(iso: "2026-03-01")!, mood: 5, craving: 3, sleepHours: 7.5, used: false,
                    enjoyment: 4, safety: false))
        #expect(days[1].mood == nil && days[1].used == true && days[1].safety == nil)
        let series = CheckInSeries(days: days)
        #expect(series.count == 3)
        #expect(series.days[1].used == nil)
    }

    @Test(
        "malformed rows name the line and the column",
        arguments: [
            ("\(header)\n2026-03-01,11,3,7,0", "line 2, mood: 11 is out of range 0…10"),
            ("\(header)\n2026-03-01,5,x,7,0", "line 2, craving: \"x\" is not a whole number 0…10"),
            ("\(header)\n2026-03-01,5,3,7.25,0", "line 2, sleep_hours: 7.25 is not 0…24 in 0.5 steps"),
            ("\(header)\n2026-03-01,5,3,25,0", "line 2, sleep_hours: 25 is not 0…24 in 0.5 steps"),
            ("\(header)\n2026-03-01,5,3,7,2", "line 2, used: \"2\" is not yes/no (1 or 0)"),
            ("\(header)\n2026-02-30,5,3,7,0", "line 2, date: \"2026-02-30\" is not a date (YYYY-MM-DD)"),
            ("\(header)\n2026-03-01,5,3,7", "line 2: 4 fields, the header has 5"),
            (
                "\(header)\n2026-03-02,5,3,7,0\n2026-03-02,5,3,7,0",
                "line 3, date: 2026-03-02 repeats the date on line 2"
            ),
            (
                "\(header)\n2026-03-02,5,3,7,0\n2026-03-01,5,3,7,0",
                "line 3, date: 2026-03-01 is before 2026-03-02 on line 2"
            ),
            ("date,mood,craving,used\n", "line 1: header must start with date,mood,craving,sleep_hours,used"),
            ("\(header),note\n", "line 1, note: unknown column"),
            ("", "line 1: missing header"),
        ])
    func errors(text: String, message: String) {
        let error = Self.error(text)
        #expect(error?.description.hasPrefix(message) == true, "\(String(describing: error))")
    }

    @Test("write and parse round-trip")
    func roundTrip() throws {
        let client = CycleSimulator.simulate(.persistent, days: 40, seed: 3)
        #expect(try CheckInCSV.parse(CheckInCSV.write(client.days)) == client.days)
        let extra = [
            CheckInDay(date: CalendarDate(iso: "2026-01-01")!, mood: 3, used: false, enjoyment: 2, safety: true)
        ]
        #expect(try CheckInCSV.parse(CheckInCSV.write(extra, optionalColumns: ["enjoyment", "safety"])) == extra)
    }

    @Test("PHQ-9 CSV: date,total with totals 0…27 in date order")
    func phq9() throws {
        #expect(try DatedScore.parseCSV("date,total\n2026-01-01,12\n2026-01-15,8\n").map(\.total) == [12, 8])
        #expect(try DatedScore.parseCSV("date,total\r\n2026-01-01,12\r\n").map(\.total) == [12])
        #expect(throws: CheckInCSVError.self) { try DatedScore.parseCSV("date,total\n2026-01-01,28\n") }
        #expect(throws: CheckInCSVError.self) { try DatedScore.parseCSV("date,score\n") }
        #expect(throws: CheckInCSVError.self) { try DatedScore.parseCSV("date,total\n2026-01-05,1\n2026-01-01,2\n") }
    }
}

@Suite("Check-in day storage")
struct CheckInDayTests {
    @Test("compact storage keeps every value, and a day stays small")
    func compact() throws {
        let date = CalendarDate(iso: "2026-05-01")!
        let day = CheckInDay(
            date: date, mood: 0, craving: 10, sleepHours: 23.5, used: false, enjoyment: 3, energy: 4, irritability: 5,
            safety: true)
        #expect(day.mood == 0 && day.craving == 10 && day.sleepHours == 23.5 && day.used == false)
        #expect(day.enjoyment == 3 && day.energy == 4 && day.irritability == 5 && day.safety == true)
        #expect(CheckInDay(date: date).sleepHours == nil && !CheckInDay(date: date).isRated)
        #expect(MemoryLayout<CheckInDay>.stride <= 32)
        let decoded = try JSONDecoder().decode(CheckInDay.self, from: JSONEncoder().encode(day))
        #expect(decoded == day)
    }

    @Test("decoding rejects out-of-range values instead of storing them")
    func decodingValidates() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CheckInDay.self, from: Data(#"{"date": "2026-05-01", "mood": 11}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CheckInDay.self, from: Data(#"{"date": "2026-05-01", "sleepHours": 7.2}"#.utf8))
        }
    }
}
