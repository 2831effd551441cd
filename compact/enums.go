package compact

import (
	"slices"

	"github.com/compactkit/compactkit/internal/docfmt"
)

// Sector is the part of society an organisation belongs to.
type Sector string

// Sectors.
const (
	SectorPublic             Sector = "public"              // statutory bodies: councils, NHS, police, fire, government
	SectorVoluntaryCommunity Sector = "voluntary-community" // charities, community groups, social enterprises (the VCS)
	SectorPrivate            Sector = "private"             // businesses
	SectorUnknown            Sector = "unknown"             // not published by the source an import read; never guessed
)

var sectors = []Sector{SectorPublic, SectorVoluntaryCommunity, SectorPrivate, SectorUnknown}

// Values lists the sectors.
func (Sector) Values() []string { return docfmt.EnumStrings(sectors) }

// Valid reports whether s is one of the sectors.
func (s Sector) Valid() bool { return slices.Contains(sectors, s) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (s *Sector) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*s, err = docfmt.ParseEnum(v, sectors, "sector")
	return
}

// OrgKind is the kind of an organisation.
type OrgKind string

// Organisation kinds.
const (
	OrgLocalAuthority       OrgKind = "local-authority"       // county, district, borough or unitary council
	OrgNHSBody              OrgKind = "nhs-body"              // NHS trust, CCG/ICB, primary care trust
	OrgPolice               OrgKind = "police"                // police force or police and crime commissioner
	OrgFireAndRescue        OrgKind = "fire-and-rescue"       // fire and rescue service
	OrgGovernmentDepartment OrgKind = "government-department" // central government department or its units
	OrgPublicBody           OrgKind = "public-body"           // another public body (agency, NDPB, Jobcentre Plus)
	OrgEducation            OrgKind = "education"             // college, university or training provider
	OrgCharity              OrgKind = "charity"               // registered charity
	OrgCommunityGroup       OrgKind = "community-group"       // small, often unregistered, community group
	OrgSocialEnterprise     OrgKind = "social-enterprise"     // social enterprise or community interest company
	OrgInfrastructureBody   OrgKind = "infrastructure-body"   // VCS support and development body (a CVS, Compact Voice)
	OrgNetwork              OrgKind = "network"               // a network or forum that speaks for many organisations
	OrgPartnership          OrgKind = "partnership"           // a cross-sector partnership (an LSP and its boards)
	OrgBusiness             OrgKind = "business"              // private company
	OrgUnknown              OrgKind = "unknown"               // not published by the source an import read; never guessed
)

var orgKinds = []OrgKind{OrgLocalAuthority, OrgNHSBody, OrgPolice, OrgFireAndRescue, OrgGovernmentDepartment,
	OrgPublicBody, OrgEducation, OrgCharity, OrgCommunityGroup, OrgSocialEnterprise, OrgInfrastructureBody,
	OrgNetwork, OrgPartnership, OrgBusiness, OrgUnknown}

// Values lists the organisation kinds.
func (OrgKind) Values() []string { return docfmt.EnumStrings(orgKinds) }

// Valid reports whether k is one of the organisation kinds.
func (k OrgKind) Valid() bool { return slices.Contains(orgKinds, k) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (k *OrgKind) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*k, err = docfmt.ParseEnum(v, orgKinds, "kind of organisation")
	return
}

// Party says whom a commitment binds.
type Party string

// Parties.
const (
	PartyPublic             Party = "public"              // statutory partners, the Government, public bodies
	PartyVoluntaryCommunity Party = "voluntary-community" // VCS organisations, civil society organisations
	PartyAll                Party = "all"                 // every partner
	PartyNamed              Party = "named"               // the organisations listed in the commitment
)

var parties = []Party{PartyPublic, PartyVoluntaryCommunity, PartyAll, PartyNamed}

// Values lists the parties.
func (Party) Values() []string { return docfmt.EnumStrings(parties) }

// Valid reports whether p is one of the parties.
func (p Party) Valid() bool { return slices.Contains(parties, p) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (p *Party) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*p, err = docfmt.ParseEnum(v, parties, "party")
	return
}

// Binds reports whether a commitment made by party p applies to an
// organisation of the given sector and id (named lists the organisations of
// a PartyNamed commitment).
func (p Party) Binds(sector Sector, id string, named []string) bool {
	switch p {
	case PartyAll:
		return true
	case PartyPublic:
		return sector == SectorPublic
	case PartyVoluntaryCommunity:
		return sector == SectorVoluntaryCommunity
	case PartyNamed:
		return slices.Contains(named, id)
	}
	return false
}

// Scope says who a compact is between.
type Scope string

// Scopes.
const (
	ScopeCrossSector  Scope = "cross-sector"  // public bodies and the voluntary and community sector
	ScopePublicSector Scope = "public-sector" // public bodies only (a public sector compact)
)

var scopes = []Scope{ScopeCrossSector, ScopePublicSector}

// Values lists the scopes.
func (Scope) Values() []string { return docfmt.EnumStrings(scopes) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (s *Scope) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*s, err = docfmt.ParseEnum(v, scopes, "scope")
	return
}

// FundingKind is what a funding decision does.
type FundingKind string

// Funding decision kinds.
const (
	FundingNew       FundingKind = "new"       // new funding
	FundingRenewal   FundingKind = "renewal"   // funding continued for a further term
	FundingReduction FundingKind = "reduction" // funding reduced
	FundingEnding    FundingKind = "ending"    // funding ended
)

var fundingKinds = []FundingKind{FundingNew, FundingRenewal, FundingReduction, FundingEnding}

// Values lists the funding decision kinds.
func (FundingKind) Values() []string { return docfmt.EnumStrings(fundingKinds) }

// IsCut reports whether decisions of the kind reduce or end funding. A
// decision of another kind can cut funding too (a renewal at a lower
// amount): ask [FundingDecision.Change], the one meaning of a cut.
func (k FundingKind) IsCut() bool { return k == FundingReduction || k == FundingEnding }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (k *FundingKind) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*k, err = docfmt.ParseEnum(v, fundingKinds, "kind of funding decision")
	return
}

// NoticeForm is how notice of a funding change was given.
type NoticeForm string

// Notice forms.
const (
	NoticeWritten NoticeForm = "written" // a letter or email
	NoticeVerbal  NoticeForm = "verbal"  // in a meeting or by telephone
	NoticeNone    NoticeForm = "none"    // no notice was given
)

var noticeForms = []NoticeForm{NoticeWritten, NoticeVerbal, NoticeNone}

// Values lists the notice forms.
func (NoticeForm) Values() []string { return docfmt.EnumStrings(noticeForms) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (f *NoticeForm) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*f, err = docfmt.ParseEnum(v, noticeForms, "form of notice")
	return
}

// ClauseKind classifies a term in a funding agreement that a compact cares about.
type ClauseKind string

// Clause kinds.
const (
	ClauseCampaigningRestriction ClauseKind = "campaigning-restriction"  // limits the recipient's right to campaign
	ClauseFunderTrustee          ClauseKind = "funder-appointed-trustee" // the funder appoints a trustee
	ClauseBreak                  ClauseKind = "break"                    // a break or termination clause
	ClauseMonitoring             ClauseKind = "monitoring"               // monitoring and reporting requirements
	ClauseOther                  ClauseKind = "other"                    // anything else worth recording
)

var clauseKinds = []ClauseKind{ClauseCampaigningRestriction, ClauseFunderTrustee, ClauseBreak, ClauseMonitoring, ClauseOther}

// Values lists the clause kinds.
func (ClauseKind) Values() []string { return docfmt.EnumStrings(clauseKinds) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (k *ClauseKind) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*k, err = docfmt.ParseEnum(v, clauseKinds, "kind of clause")
	return
}

// BodyKind is the kind of a governance body.
type BodyKind string

// Governance body kinds.
const (
	BodySteeringGroup BodyKind = "steering-group" // runs the compact day to day
	BodyChampions     BodyKind = "champions"      // the compact champions meeting as a group
	BodyLeadsGroup    BodyKind = "leads-group"    // departmental compact leads (central government)
	BodyBoard         BodyKind = "board"          // a board the compact reports to
	BodySubGroup      BodyKind = "sub-group"      // a sub-group of a steering group
	BodyPanel         BodyKind = "panel"          // a disputes or review panel
	BodyForum         BodyKind = "forum"          // an open forum or network meeting
	BodyOther         BodyKind = "other"          // any other body
)

var bodyKinds = []BodyKind{BodySteeringGroup, BodyChampions, BodyLeadsGroup, BodyBoard, BodySubGroup, BodyPanel, BodyForum, BodyOther}

// Values lists the governance body kinds.
func (BodyKind) Values() []string { return docfmt.EnumStrings(bodyKinds) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (k *BodyKind) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*k, err = docfmt.ParseEnum(v, bodyKinds, "kind of body")
	return
}

// TimeUnit is the unit of a time limit.
type TimeUnit string

// Time units.
const (
	UnitWorkingDays TimeUnit = "working-days" // Monday to Friday, bank holidays excluded
	UnitDays        TimeUnit = "days"         // calendar days
	UnitWeeks       TimeUnit = "weeks"        // calendar weeks
	UnitMonths      TimeUnit = "months"       // calendar months
	UnitYears       TimeUnit = "years"        // calendar years
)

var timeUnits = []TimeUnit{UnitWorkingDays, UnitDays, UnitWeeks, UnitMonths, UnitYears}

// Values lists the time units.
func (TimeUnit) Values() []string { return docfmt.EnumStrings(timeUnits) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (u *TimeUnit) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*u, err = docfmt.ParseEnum(v, timeUnits, "time unit")
	return
}

// StageKind is the kind of a stage in a dispute procedure.
type StageKind string

// Dispute stage kinds.
const (
	StageAdmissibility StageKind = "admissibility" // is it about process (a compact matter) or a decision?
	StageInformal      StageKind = "informal"      // the partners discuss it and aim to agree
	StageReview        StageKind = "review"        // nominated reviewers consider it and recommend
	StageComplaint     StageKind = "complaint"     // the public body's own complaints procedure
	StageAdvice        StageKind = "advice"        // advice sought in parallel (Compact Voice, say)
	StageEscalation    StageKind = "escalation"    // a national body or ombudsman
	StageLegal         StageKind = "legal"         // judicial review
)

var stageKinds = []StageKind{StageAdmissibility, StageInformal, StageReview, StageComplaint, StageAdvice, StageEscalation, StageLegal}

// Values lists the dispute stage kinds.
func (StageKind) Values() []string { return docfmt.EnumStrings(stageKinds) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (k *StageKind) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*k, err = docfmt.ParseEnum(v, stageKinds, "kind of stage")
	return
}
