import BraidCore
import BraidStore
import Foundation

/// The demo program's recovery tools (issue 14): thought records, diary cards, activities, support networks and
/// meetings for the first six clients; two groups with a fortnight of attendance and homework; Finley J.
/// (client06) reads the pages in Spanish. Recovery records go through the one write path (door `demo`); no demo
/// card raises a safety signal, so the demo's open alerts stay the ones its check-ins opened.
struct DemoRecovery {
    let repository: BraidRepository
    let program: Program
    let today: CalendarDate
    let now: Date

    func instant(_ daysAgo: Int) -> Date { now.addingTimeInterval(-Double(daysAgo) * 86_400) }

    func write(_ item: RecoveryItem, for client: ClientProfile, daysAgo: Int) async throws {
        let actor = Actor(userID: client.userID, role: .client, programID: program.id, clientID: client.id)
        _ = try await repository.commit(
            ClinicalWrite(
                .recovery(item, replacing: nil), to: client.ref, by: actor, through: .demo, requestID: nil,
                now: instant(daysAgo)))
    }

    func seed(clients: [ClientProfile], clinicians: [UserID]) async throws {
        for (index, client) in clients.prefix(6).enumerated() {
            try await thoughts(client, index: index)
            try await diary(client, index: index)
            try await activities(client, index: index)
            try await support(client, index: index)
        }
        if clients.count > 5 { try await repository.setLanguage(.es, of: clients[5].userID, in: program.id) }
        try await groups(clients: clients, clinicians: clinicians)
    }

    func thoughts(_ client: ClientProfile, index: Int) async throws {
        let records: [(Int, String, String, String?, [EmotionRating], String?, [String])] = [
            (
                12, "Payday, home alone after a double shift", "I'll never be happy without cocaine", "never-happy",
                [
                    EmotionRating(emotion: "hopeless", before: 85, after: 50),
                    EmotionRating(emotion: "lonely", before: 70, after: 55),
                ],
                "I laughed at my niece's birthday last week; happiness is coming back slowly.", ["money", "alone"]
            ),
            (
                6, "Old friend texted asking to meet up", "Just once won't hurt", "just-once",
                [EmotionRating(emotion: "anxious", before: 60, after: 30)],
                "Last time 'just once' was a three-day run. I can say no and call my sponsor.", ["people", "weekend"]
            ),
            (
                2, "Argued with my partner about money", "I've already blown it", "already-blown-it",
                [
                    EmotionRating(emotion: "ashamed", before: 75, after: 40),
                    EmotionRating(emotion: "angry", before: 55),
                ],
                "One bad evening is not the whole week; we can talk tomorrow.", ["conflict", "money"]
            ),
        ]
        for (daysAgo, situation, thought, starter, emotions, balanced, triggers) in records.prefix(1 + index % 3) {
            try await write(
                .thoughtRecord(
                    ThoughtRecord(
                        date: today.adding(days: -daysAgo), situation: situation, automaticThought: thought,
                        starterThought: starter, emotions: emotions,
                        evidenceAgainst: "Times it was not true: the weeks I stayed clear.", balancedThought: balanced,
                        triggers: triggers)),
                for: client, daysAgo: daysAgo)
        }
    }

    /// Two weeks of cards: use urges that mostly pass with skills, the odd use day on the cocaine-using profiles.
    func diary(_ client: ClientProfile, index: Int) async throws {
        let thisWeek = today.adding(days: 1 - today.isoWeekday)
        for weekStart in [thisWeek.adding(days: -7), thisWeek] {
            var days: [DiaryDay] = []
            for offset in 0..<7 {
                let date = weekStart.adding(days: offset)
                guard date <= today else { continue }
                let seed = (date.dayNumber * 7 + index * 3) % 11
                let urge = min(5, seed % 6)
                let used = urge >= 4 && (seed + index) % 4 == 0 && index % 2 == 1
                let skills: [DBTSkill] =
                    urge >= 3 ? [.urgeSurfing, [.tipp, .wiseMind, .oppositeAction][seed % 3]] : []
                days.append(
                    DiaryDay(
                        date: date, urges: [.use: urge, .quitTherapy: seed % 3 == 0 ? 1 : 0],
                        emotions: [.misery: seed % 4, .joy: (seed + 2) % 4, .sadness: seed % 3, .shame: used ? 3 : 1],
                        actions: [.used: used, .selfHarm: false, .medsAsPrescribed: seed % 5 != 0],
                        skillsRating: urge >= 3 ? (used ? 3 : 5 + seed % 3) : 0, skillsUsed: skills))
            }
            try await write(
                .diaryCard(DiaryCard(weekStart: weekStart, days: days)), for: client,
                daysAgo: weekStart.days(to: today) / 2)
        }
    }

    func activities(_ client: ClientProfile, index: Int) async throws {
        let plans: [(Int, String, ActivityKind, LifeArea, Int, Bool?, Int?)] = [
            (-10, "Walk by the river", .enjoyable, .health, 2, true, 5),
            (-7, "Cook dinner with my sister", .both, .relationships, 4, true, 7),
            (-4, "Fix the bike", .valued, .home, 3, false, nil),
            (-2, "Basketball at the community center", .enjoyable, .leisure, 3, true, 6),
            (1, "Library: ask about the GED class", .valued, .work, 3, nil, nil),
            (3, "Sunday meeting, then coffee", .both, .recovery, 5, nil, nil),
        ]
        for (offset, title, kind, area, expected, done, enjoyment) in plans where (offset + index) % 5 != 0 {
            try await write(
                .activity(
                    Activity(
                        date: today.adding(days: offset), title: title, kind: kind, lifeArea: area,
                        expectedEnjoyment: expected, done: done, enjoyment: enjoyment)),
                for: client, daysAgo: max(0, -offset) + 1)
        }
    }

    func support(_ client: ClientProfile, index: Int) async throws {
        let people = [
            SupportContact(name: "Maria (sister)", role: .family, reach: "555-0111", crisisContact: true),
            SupportContact(name: "Dee", role: .sponsor, reach: "555-0122", crisisContact: true),
            SupportContact(name: "Jordan", role: .peer, reach: "Text after 6 pm", crisisContact: false),
        ]
        for person in people.prefix(1 + index % 3) {
            try await write(.supportContact(person), for: client, daysAgo: 20)
        }
        for daysAgo in [1, 4, 8, 11, 15].prefix(2 + index % 4) {
            let fellowship: Fellowship = index % 2 == 0 ? .ca : .smart
            try await write(
                .meeting(
                    MutualHelpMeeting(
                        date: today.adding(days: -daysAgo), fellowship: fellowship,
                        name: fellowship == .ca ? "Tuesday night step meeting" : "SMART online",
                        online: fellowship == .smart)),
                for: client, daysAgo: daysAgo)
        }
    }

    /// Relapse prevention with Dr. Rivera (Mon, Wed, Fri) and DBT skills with Dr. Chen (Tue, Thu), each with two
    /// weeks of sessions recorded and homework: an older piece most did, and this week's, still to do.
    func groups(clients: [ClientProfile], clinicians: [UserID]) async throws {
        guard clinicians.count >= 2, clients.count >= 12 else { return }
        let plans: [(String, GroupModality, [Int], String, UserID, [ClientProfile], String, String)] = [
            (
                "Relapse prevention", .relapsePrevention, [1, 3, 5], "10:00", clinicians[0], Array(clients[0..<6]),
                "Write down three high-risk situations and what you will do instead",
                "Bring your list to Friday's group."
            ),
            (
                "DBT skills", .dbtSkills, [2, 4], "13:00", clinicians[1], Array(clients[6..<11]),
                "Practise TIPP once this week and note it on your diary card", "Cold water on the face counts."
            ),
        ]
        for (name, modality, weekdays, time, facilitator, members, homework, details) in plans {
            let actor = Actor(userID: facilitator, role: .clinician, programID: program.id, clientID: nil)
            let schedule = GroupSchedule(
                name: name, modality: modality, weekdays: weekdays, startTime: time, durationMinutes: 90,
                facilitator: facilitator)
            let group = try await repository.saveGroup(
                UUID(), schedule: schedule, members: members.map(\.id), program: program.id, by: actor, requestID: nil,
                now: instant(30))
            for back in 1...14 {
                let date = today.adding(days: -back)
                guard schedule.meets(on: date) else { continue }
                let entries = members.enumerated().map { position, member in
                    let roll = (date.dayNumber + position * 5) % 9
                    let status: AttendanceStatus =
                        roll == 0 ? .absent : roll == 1 ? .excused : roll == 2 ? .late : .present
                    return AttendanceEntry(
                        clientID: member.id, status: status,
                        note: roll == 3 ? "Shared how the week went; engaged." : nil)
                }
                try await repository.recordAttendance(
                    GroupAttendance(date: date, entries: entries), of: group, by: actor, requestID: nil,
                    now: instant(back))
            }
            let older = Homework(
                id: UUID(), groupID: group.id, title: "Read the PAWS page and note one thing that lingers for you",
                details: nil, assignedOn: today.adding(days: -9), dueOn: today.adding(days: -5))
            let current = Homework(
                id: UUID(), groupID: group.id, title: homework, details: details, assignedOn: today.adding(days: -1),
                dueOn: today.adding(days: 4))
            try await repository.addHomework(older, to: group, by: actor, requestID: nil, now: instant(9))
            try await repository.addHomework(current, to: group, by: actor, requestID: nil, now: instant(1))
            for (position, member) in members.enumerated() where position % 3 != 2 {
                try await repository.markHomeworkDone(
                    older.id, by: member.ref,
                    actor: Actor(userID: member.userID, role: .client, programID: program.id, clientID: member.id),
                    requestID: nil, now: instant(6))
            }
        }
    }
}
