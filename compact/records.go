package compact

import "fmt"

// Directory lists the organisations and people of an area: who the partners
// are and who speaks for them.
type Directory struct {
	TypeMeta
	// ID names the directory, if there is more than one.
	ID string `json:"id,omitempty"`
	// Organisations in the area.
	Organisations []Organisation `json:"organisations,omitempty"`
	// People who hold roles, attend meetings or sign for an organisation.
	People []Person `json:"people,omitempty"`

	// Source is where the document was read from.
	Source Position `json:"-"`
}

// Organisation is a partner: a public body, a voluntary or community
// organisation, or a private one.
type Organisation struct {
	// ID identifies the organisation; every record refers to it by this.
	ID string `json:"id"`
	// Name of the organisation.
	Name string `json:"name"`
	// Sector the organisation belongs to.
	Sector Sector `json:"sector"`
	// Kind of organisation.
	Kind OrgKind `json:"kind"`
	// Parent is the organisation this one is part of (a council service's council).
	Parent string `json:"parent,omitempty"`
	// OrgID is the organisation's identifier in the org-id.guide scheme
	// (GB-CHC-1234567 for a charity, GB-LAE-KIR for a council), used to match
	// open data.
	OrgID string `json:"orgId,omitempty"`
	// Website of the organisation.
	Website string `json:"website,omitempty"`
	// Districts the organisation works in, where it covers several.
	Districts []string `json:"districts,omitempty"`

	// Source is where the organisation was written.
	Source Position `json:"-"`
}

// Person is someone who holds a role, attends meetings or signs.
type Person struct {
	// ID identifies the person; nominations and meetings refer to it.
	ID string `json:"id"`
	// Name of the person.
	Name string `json:"name"`
	// Organisation the person works for.
	Organisation string `json:"organisation"`
	// Position the person holds (Assistant Director for Communities and Leisure).
	Position string `json:"position,omitempty"`
	// Email address for compact matters.
	Email string `json:"email,omitempty"`
	// Phone number for compact matters.
	Phone string `json:"phone,omitempty"`

	// Source is where the person was written.
	Source Position `json:"-"`
}

// Records are what happened in an area: the evidence rules check the
// compact against. An area may split its records over several documents.
type Records struct {
	TypeMeta
	// ID names the set of records, if there is more than one.
	ID string `json:"id,omitempty"`
	// Period the records cover ("2024-25"). Commands use the latest period
	// of an area's records as the default "as of" date.
	Period Period `json:"period,omitzero"`
	// Consultations run by public bodies.
	Consultations []Consultation `json:"consultations,omitempty"`
	// Funding decisions: new funding, renewals, reductions and endings.
	Funding []FundingDecision `json:"funding,omitempty"`
	// Meetings of governance bodies.
	Meetings []Meeting `json:"meetings,omitempty"`
	// Nominations of people to compact roles.
	Nominations []Nomination `json:"nominations,omitempty"`
	// Signatures: organisations signing up to (or withdrawing from) the compact.
	Signatures []Signature `json:"signatures,omitempty"`
	// Reports delivered by governance bodies.
	Reports []Report `json:"reports,omitempty"`

	// Source is where the document was read from.
	Source Position `json:"-"`
}

// Consultation is a consultation run by a public body.
type Consultation struct {
	// ID identifies the consultation.
	ID string `json:"id"`
	// Title of the consultation.
	Title string `json:"title"`
	// Owner is the organisation that runs it.
	Owner string `json:"owner"`
	// Opens is the first day responses are invited.
	Opens Date `json:"opens"`
	// Closes is the last day responses are accepted.
	Closes Date `json:"closes"`
	// Formal: a formal written consultation (the 12-week commitment applies).
	Formal bool `json:"formal,omitempty"`
	// ShortPeriodRationale explains a period shorter than the compact asks for.
	ShortPeriodRationale string `json:"shortPeriodRationale,omitempty"`
	// InformalRationale explains why a consultation is run informally
	// rather than as a formal written consultation.
	InformalRationale string `json:"informalRationale,omitempty"`
	// FeedbackPublished is the date a summary of responses was published.
	FeedbackPublished Date `json:"feedbackPublished,omitzero"`
	// Responses is how many responses were received.
	Responses int `json:"responses,omitempty"`
	// URL where the consultation is published.
	URL string `json:"url,omitempty"`

	// Facts are the local facts the area's compact declares for these
	// records, checked against their declarations.
	Facts Facts `json:"facts,omitempty"`

	// Provenance says where an imported record came from; nil for a record
	// written by hand.
	Provenance *Provenance `json:"provenance,omitempty"`

	// Source is where the record was written.
	Source Position `json:"-"`
}

// FundingDecision is a public body's decision to fund, renew, reduce or end
// funding of an organisation.
type FundingDecision struct {
	// ID identifies the decision.
	ID string `json:"id"`
	// Title describes the funding ("Advice services grant").
	Title string `json:"title,omitempty"`
	// Funder is the organisation that funds.
	Funder string `json:"funder"`
	// Recipient is the organisation funded.
	Recipient string `json:"recipient"`
	// Kind of decision.
	Kind FundingKind `json:"kind"`
	// Programme the funding belongs to.
	Programme string `json:"programme,omitempty"`
	// Amount is the yearly amount in pounds after the decision (0 when funding ends).
	Amount float64 `json:"amount,omitempty"`
	// PreviousAmount is the yearly amount in pounds before the decision.
	PreviousAmount float64 `json:"previousAmount,omitempty"`
	// Decided is the date the decision was made.
	Decided Date `json:"decided"`
	// Reasons given for the decision.
	Reasons string `json:"reasons,omitempty"`
	// Start of the funded term.
	Start Date `json:"start,omitzero"`
	// End of the funded term.
	End Date `json:"end,omitzero"`
	// TermMonths is the length of the funded term in months.
	TermMonths int `json:"termMonths,omitempty"`
	// TermReasons explain a term shorter than multi-year funding.
	TermReasons string `json:"termReasons,omitempty"`
	// FirstPayment is the date of the first payment.
	FirstPayment Date `json:"firstPayment,omitzero"`
	// FullCostRecovery says whether the amount covers the full cost of the
	// work, overheads included: nil when the record does not say.
	FullCostRecovery *bool `json:"fullCostRecovery,omitempty"`
	// NoticeGiven is the date notice of a reduction or ending was given.
	NoticeGiven Date `json:"noticeGiven,omitzero"`
	// NoticeForm is how the notice was given.
	NoticeForm NoticeForm `json:"noticeForm,omitempty"`
	// Effective is the first day the change applies: the first day at the
	// reduced amount, or the first day with no funding (the day after the
	// last funded day). Notice is counted from NoticeGiven to Effective.
	Effective Date `json:"effective,omitzero"`
	// ImpactAssessed is the date the impact on beneficiaries, service users
	// and volunteers was assessed.
	ImpactAssessed Date `json:"impactAssessed,omitzero"`
	// ResponseInvited is the date the recipient was invited to respond.
	ResponseInvited Date `json:"responseInvited,omitzero"`
	// ResponseConsidered is the date the recipient's response was considered.
	ResponseConsidered Date `json:"responseConsidered,omitzero"`
	// NoResponse: the recipient was invited to respond and did not, so there
	// was no response to consider.
	NoResponse bool `json:"noResponse,omitempty"`
	// EqualitiesGroups: the funding pays for services to groups protected by
	// equality legislation, so an equality impact assessment is due before
	// it is cut.
	EqualitiesGroups bool `json:"equalitiesGroups,omitempty"`
	// EqualityImpactAssessed is the date an equality impact assessment of the
	// change was completed.
	EqualityImpactAssessed Date `json:"equalityImpactAssessed,omitzero"`
	// AppealOffered: the notice told the recipient of its right to appeal
	// and how, where the compact gives one.
	AppealOffered bool `json:"appealOffered,omitempty"`
	// AppealLodged is the date the recipient appealed against the decision,
	// where the compact gives a right of appeal.
	AppealLodged Date `json:"appealLodged,omitzero"`
	// AppealDecided is the date the outcome of the appeal was given.
	AppealDecided Date `json:"appealDecided,omitzero"`
	// AppealUpheld: the appeal succeeded and the decision was withdrawn.
	AppealUpheld bool `json:"appealUpheld,omitempty"`
	// Clauses of the funding agreement that a compact cares about.
	Clauses []Clause `json:"clauses,omitempty"`

	// Facts are the local facts the area's compact declares for these
	// records, checked against their declarations.
	Facts Facts `json:"facts,omitempty"`

	// Provenance says where an imported record came from; nil for a record
	// written by hand.
	Provenance *Provenance `json:"provenance,omitempty"`

	// Source is where the record was written.
	Source Position `json:"-"`
}

// Clause is a term of a funding agreement.
type Clause struct {
	// Kind of clause.
	Kind ClauseKind `json:"kind"`
	// Text of the clause.
	Text string `json:"text"`
}

// Meeting is a meeting of a governance body.
type Meeting struct {
	// ID identifies the meeting.
	ID string `json:"id"`
	// Body that met.
	Body string `json:"body"`
	// Date of the meeting.
	Date Date `json:"date"`
	// Title or purpose of the meeting.
	Title string `json:"title,omitempty"`
	// Attendees are the ids of the people who attended.
	Attendees []string `json:"attendees,omitempty"`
	// Apologies are the ids of people who sent apologies.
	Apologies []string `json:"apologies,omitempty"`
	// Minutes URL.
	Minutes string `json:"minutes,omitempty"`

	// Facts are the local facts the area's compact declares for these
	// records, checked against their declarations.
	Facts Facts `json:"facts,omitempty"`

	// Source is where the record was written.
	Source Position `json:"-"`
}

// Nomination puts a person in a compact role for an organisation, from a date
// and (optionally) until one.
type Nomination struct {
	// ID identifies the nomination.
	ID string `json:"id"`
	// Role is the id of the role in the role catalogue (compact-champion).
	Role string `json:"role"`
	// Organisation the person holds the role for.
	Organisation string `json:"organisation"`
	// Person nominated.
	Person string `json:"person"`
	// From is the first day in the role.
	From Date `json:"from"`
	// To is the last day in the role; open-ended when not given.
	To Date `json:"to,omitzero"`
	// NominatedBy is the organisation or body that nominated the person, when
	// it is not the organisation itself (a network nominating for the VCS).
	NominatedBy string `json:"nominatedBy,omitempty"`
	// DeputyFor is the person this one deputises for.
	DeputyFor string `json:"deputyFor,omitempty"`

	// Facts are the local facts the area's compact declares for these
	// records, checked against their declarations.
	Facts Facts `json:"facts,omitempty"`

	// Source is where the record was written.
	Source Position `json:"-"`
}

// Signature records an organisation's endorsement of the compact.
type Signature struct {
	// ID identifies the signature, where records refer to it.
	ID string `json:"id,omitempty"`
	// Organisation that signed.
	Organisation string `json:"organisation"`
	// EndorsedBy is the name of the person who signed.
	EndorsedBy string `json:"endorsedBy,omitempty"`
	// Position of the person who signed (Chief Executive).
	Position string `json:"position,omitempty"`
	// Signed is the date of the signature.
	Signed Date `json:"signed"`
	// WrittenCommitment: the signature includes a formal written commitment to the
	// compact's principles.
	WrittenCommitment bool `json:"writtenCommitment,omitempty"`
	// Withdrawn is the date the organisation withdrew, if it did.
	Withdrawn Date `json:"withdrawn,omitzero"`

	// Facts are the local facts the area's compact declares for these
	// records, checked against their declarations.
	Facts Facts `json:"facts,omitempty"`

	// Source is where the record was written.
	Source Position `json:"-"`
}

// Report is a report a governance body delivered (the annual compact report).
type Report struct {
	// ID identifies the report.
	ID string `json:"id"`
	// Body that wrote the report.
	Body string `json:"body"`
	// To is the body that received it.
	To string `json:"to"`
	// Period the report covers ("2024-25").
	Period Period `json:"period"`
	// Delivered is the date the report was presented.
	Delivered Date `json:"delivered"`
	// Title of the report.
	Title string `json:"title,omitempty"`
	// URL where the report is published.
	URL string `json:"url,omitempty"`

	// Facts are the local facts the area's compact declares for these
	// records, checked against their declarations.
	Facts Facts `json:"facts,omitempty"`

	// Source is where the record was written.
	Source Position `json:"-"`
}

// Provenance says where an imported record came from: the source file, the
// place in it (a JSON pointer or a spreadsheet row) and the source's own id,
// so a finding about the record points back to the source row. Records
// written by hand have none; their Source position says where they are.
type Provenance struct {
	// Source names the importer and format ("360giving", "ocds", "govuk",
	// "table").
	Source string `json:"source"`
	// File is the source file as named on the import's command line.
	File string `json:"file"`
	// Pointer is the JSON pointer (RFC 6901) of the item in a JSON source
	// ("/grants/17"); empty for a spreadsheet.
	Pointer string `json:"pointer,omitempty"`
	// Row is the 1-based row of the item in a CSV or XLSX source (the header
	// is row 1); zero for a JSON source.
	Row int `json:"row,omitempty"`
	// Sheet is the worksheet of an XLSX source.
	Sheet string `json:"sheet,omitempty"`
	// ID is the source's own identifier for the item (a 360Giving grant id,
	// an OCDS ocid, a GOV.UK base path).
	ID string `json:"id,omitempty"`
}

// String formats the provenance as file#pointer or file:row (with the
// sheet, when there is one), then the source's id in brackets.
func (p *Provenance) String() string {
	if p == nil {
		return ""
	}
	s := p.File
	switch {
	case p.Pointer != "":
		s += "#" + p.Pointer
	case p.Sheet != "" && p.Row > 0:
		s += fmt.Sprintf(":%s!%d", p.Sheet, p.Row)
	case p.Row > 0:
		s += fmt.Sprintf(":%d", p.Row)
	}
	if p.ID != "" {
		s += " [" + p.ID + "]"
	}
	return s
}

// Change is what a funding decision does to the funding in substance:
// [FundingEnding] or [FundingReduction] for those kinds, [FundingReduction]
// too for a renewal at a lower yearly amount than before (both amounts
// recorded), and "" for anything else. Rules on cuts (notice, impact,
// the chance to respond) apply when it is not empty.
func (f *FundingDecision) Change() FundingKind {
	switch {
	case f.Kind == FundingEnding || f.Kind == FundingReduction:
		return f.Kind
	case f.Kind == FundingRenewal && f.Amount > 0 && f.PreviousAmount > f.Amount:
		return FundingReduction
	}
	return ""
}
