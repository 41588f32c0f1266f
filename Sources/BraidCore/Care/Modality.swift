import Foundation

/// A modality of the §7 catalog.
public enum Modality: String, Sendable, Hashable, Codable, CaseIterable {
    case cbt
    case contingencyManagement = "contingency-management"
    case dbtSkills = "dbt-skills"
    case psychiatricCare = "psychiatric-care"
    case relapsePrevention = "relapse-prevention"
    case behavioralActivation = "behavioral-activation"
    case emdr
    case somaticExperiencing = "somatic-experiencing"
    case neurofeedback
    case breathworkPEMF = "breathwork-pemf"

    public enum Group: String, Sendable, Hashable, Codable {
        case clinical
        case bodyBased = "body-based"
    }

    public var name: String {
        switch self {
        case .cbt: "Cognitive behavioral therapy (CBT)"
        case .contingencyManagement: "Contingency management (CM)"
        case .dbtSkills: "DBT skills"
        case .psychiatricCare: "Psychiatric care"
        case .relapsePrevention: "Relapse prevention"
        case .behavioralActivation: "Behavioral activation"
        case .emdr: "EMDR"
        case .somaticExperiencing: "Somatic experiencing"
        case .neurofeedback: "Neurofeedback"
        case .breathworkPEMF: "Breathwork / PEMF"
        }
    }

    public var group: Group {
        switch self {
        case .emdr, .somaticExperiencing, .neurofeedback, .breathworkPEMF: .bodyBased
        default: .clinical
        }
    }

    /// What it targets.
    public var targets: String {
        switch self {
        case .cbt: "use, triggers, thoughts"
        case .contingencyManagement: "use"
        case .dbtSkills: "distress, emotion regulation"
        case .psychiatricCare: "mood, medication"
        case .relapsePrevention: "use"
        case .behavioralActivation: "mood, anhedonia"
        case .emdr: "trauma"
        case .somaticExperiencing: "trauma, arousal"
        case .neurofeedback: "arousal, craving"
        case .breathworkPEMF: "arousal"
        }
    }

    public var indication: String {
        switch self {
        case .cbt: "all with stimulant use disorder"
        case .contingencyManagement: "all with stimulant use disorder (standard of care, ASAM/AAAP 2024)"
        case .dbtSkills: "emotion dysregulation, self-harm or suicide urges, any suicide risk"
        case .psychiatricCare:
            "PHQ-9 ≥ 10 with independent or undetermined depression, GAD-7 ≥ 10, any suicide risk"
        case .relapsePrevention: "all"
        case .behavioralActivation: "PHQ-9 ≥ 10 or enjoyment ≤ 3"
        case .emdr: "PCL-5 probable PTSD or reported trauma"
        case .somaticExperiencing, .neurofeedback, .breathworkPEMF: "optional adjunct"
        }
    }

    /// The evidence for stimulant-use outcomes, stated honestly (§7).
    public var evidence: String {
        switch self {
        case .cbt: "moderate"
        case .contingencyManagement: "strongest"
        case .dbtSkills: "low (cocaine), moderate (dysregulation)"
        case .psychiatricCare:
            "antidepressants help depression modestly (Nunes & Levin 2004, ES 0.38), not cocaine use; no FDA-approved "
                + "medication for cocaine use disorder"
        case .relapsePrevention: "moderate"
        case .behavioralActivation: "moderate (depression)"
        case .emdr: "strong for PTSD, low for use outcomes"
        case .somaticExperiencing: "very low"
        case .neurofeedback: "low"
        case .breathworkPEMF: "very low"
        }
    }

    /// An optional adjunct: never a problem's only intervention, never in place of CM, CBT or medical care.
    public var isAdjunct: Bool { [.somaticExperiencing, .neurofeedback, .breathworkPEMF].contains(self) }
}
