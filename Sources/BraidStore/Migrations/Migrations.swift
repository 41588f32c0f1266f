import FluentKit

/// Braid's migrations, in the order they run. Never edit a shipped migration: add a new one.
public enum BraidMigrations {
    public static let all: [any Migration] = [
        CreatePrograms(), CreateUsers(), CreateClients(), CreateCareTeams(), CreateCheckIns(), CreateAssessments(),
        CreateScreens(), CreateAlerts(), CreateAuditEvents(), CreateTokens(), AddLookupIndexes(), CreateSafetyPlans(),
        AddCurrentCheckInIndex(), AddProgramAdministration(), AddLevelOfCare(),
        AddTreatmentPlans(), AddContingencyManagement(), AddMedications(), AddRelapsePreventionPlans(),
        AddNotifications(), AddPart2Consents(), AddRecoveryRecords(), AddUserLanguage(), AddGroupProgram(),
        AddCheckInRegularMeals(), AddAuditChain(), AddSessionControls(),
    ]
}
