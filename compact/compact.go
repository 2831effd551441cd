package compact

// TypeMeta is the header every document starts with.
type TypeMeta struct {
	// APIVersion is the version of the document format: always "compactkit/v1".
	APIVersion string `json:"apiVersion"`
	// Kind says what the document is: Compact, Directory, Records, RulePack, ...
	Kind Kind `json:"kind"`
}

// Compact is a written agreement on how public bodies and the voluntary and
// community sector (or, in a public sector compact, public bodies among
// themselves) work together: its vision, aims, principles, the commitments
// each party makes, how it is governed, how disputes are handled, and who has
// signed it.
//
// A local compact may extend a base compact (usually the national one) and
// tailor it: see [Tailoring] and [Resolve].
type Compact struct {
	TypeMeta
	// ID names the compact; other documents refer to it (for example in extends).
	ID string `json:"id"`
	// Title is the compact's name as published.
	Title string `json:"title"`
	// Area is the place the compact covers (Kirklees, Dover District, England).
	Area string `json:"area,omitempty"`
	// Scope says who the compact is between; cross-sector unless stated.
	Scope Scope `json:"scope,omitempty"`
	// Version is the edition of the compact (for example "2012" or "2008-2011").
	Version string `json:"version,omitempty"`
	// Adopted is the date the compact was agreed.
	Adopted Date `json:"adopted,omitzero"`
	// Extends is the id of the base compact this one tailors.
	Extends string `json:"extends,omitempty"`
	// Tailoring says which of the base compact's commitments apply here.
	Tailoring *Tailoring `json:"tailoring,omitempty"`
	// Purpose says what the compact is for and who it is between, as its
	// introduction puts it.
	Purpose string `json:"purpose,omitempty"`
	// Vision is the shared vision statement.
	Vision string `json:"vision,omitempty"`
	// Mission is the mission statement, where the compact has one.
	Mission string `json:"mission,omitempty"`
	// Aims are what the partners work towards, numbered as in the compact.
	Aims []Aim `json:"aims,omitempty"`
	// Sections group the commitments (the national compact's five outcomes).
	Sections []Section `json:"sections,omitempty"`
	// Principles the partners agree to act by.
	Principles []Principle `json:"principles,omitempty"`
	// Commitments are the undertakings of each party.
	Commitments []Commitment `json:"commitments,omitempty"`
	// CodesOfPractice adopted with the compact.
	CodesOfPractice []CodeOfPractice `json:"codesOfPractice,omitempty"`
	// Governance lists the bodies that run, oversee and receive reports on the compact.
	Governance []Body `json:"governance,omitempty"`
	// Signing says what a signature must carry to count as endorsement.
	Signing *SigningRules `json:"signing,omitempty"`
	// Signatories are the organisations that signed the compact when it was adopted.
	// Later sign-ups and withdrawals are Signature records.
	Signatories []Signature `json:"signatories,omitempty"`
	// DisputeProcedure is how a partner challenges a process it believes broke the compact.
	DisputeProcedure *DisputeProcedure `json:"disputeProcedure,omitempty"`
	// Review says how often the compact is reviewed and by whom.
	Review *Review `json:"review,omitempty"`
	// Parameters are the numbers the compact sets (fundingNoticeMonths: 3).
	// Rule packs read them by name; a local compact overrides a base value here.
	Parameters map[string]Value `json:"parameters,omitempty"`
	// Facts declares the local facts records carry, per record kind
	// (funding, consultation, meeting, nomination, signature, report), by
	// name. An extending compact adds declarations; it cannot redeclare an
	// inherited one.
	Facts FactDecls `json:"facts,omitempty"`

	// Source is where the document was read from.
	Source Position `json:"-"`

	paramPos map[string]Position // where each parameter was set, when decoded
}

// parameterPos returns where a parameter was set.
func (c *Compact) parameterPos(name string) Position {
	if p, ok := c.paramPos[name]; ok {
		return p
	}
	return c.Source
}

// Tailoring selects the base compact's commitments a local compact adopts,
// the way a profile tailors a catalogue. With neither list, every base
// commitment applies.
type Tailoring struct {
	// Include, when given, adopts only these base commitments (and those that
	// are local).
	Include []string `json:"include,omitempty"`
	// Exclude drops these base commitments.
	Exclude []string `json:"exclude,omitempty"`
	// Reason explains the tailoring, for the record.
	Reason string `json:"reason,omitempty"`

	// Source is where the tailoring was written.
	Source Position `json:"-"`
}

// Aim is one of the compact's aims.
type Aim struct {
	// ID identifies the aim ("1", "a", "skills"); priorities refer to it.
	ID string `json:"id"`
	// Text of the aim.
	Text string `json:"text"`

	// Source is where the aim was written.
	Source Position `json:"-"`
}

// Section groups commitments; in the national compact the sections are the
// five outcomes.
type Section struct {
	// ID identifies the section.
	ID string `json:"id"`
	// Number as printed ("1", "2").
	Number string `json:"number,omitempty"`
	// Title of the section or outcome.
	Title string `json:"title"`

	// Source is where the section was written.
	Source Position `json:"-"`
}

// Principle is a value the partners agree to act by (Openness, Mutual Respect...).
type Principle struct {
	// ID identifies the principle; commitments refer to it.
	ID string `json:"id"`
	// Name of the principle.
	Name string `json:"name"`
	// Text explaining the principle.
	Text string `json:"text,omitempty"`

	// Source is where the principle was written.
	Source Position `json:"-"`
}

// Commitment is one undertaking of one party ("Statutory partners will ...").
type Commitment struct {
	// ID identifies the commitment; rules say which commitments they enforce.
	ID string `json:"id"`
	// Number as printed in the compact ("4.3"), where it has one.
	Number string `json:"number,omitempty"`
	// Section the commitment belongs to.
	Section string `json:"section,omitempty"`
	// Party the commitment binds.
	Party Party `json:"party"`
	// Organisations bound, when party is named.
	Organisations []string `json:"organisations,omitempty"`
	// Text of the commitment as written in the compact.
	Text string `json:"text"`
	// Principles the commitment puts into practice.
	Principles []string `json:"principles,omitempty"`
	// Parameters the commitment's numbers come from (fundingNoticeMonths).
	Parameters []string `json:"parameters,omitempty"`
	// Citation says where the commitment's text comes from: the compact's
	// paragraph ("Compact 2010, 1.4") or the code of practice it is taken
	// from ("Code of Practice on Consultation (2008), criterion 6"), and
	// whether the wording is the source's own or a paraphrase.
	Citation string `json:"source,omitempty"`
	// NotCheckable, when given, says why records cannot show whether the
	// commitment is kept ("a matter of attitude, not of dated acts"). A
	// commitment with neither a rule nor this reason is a gap in the rule
	// pack; see rules.Coverage.
	NotCheckable string `json:"notCheckable,omitempty"`
	// Restates lists ids of general commitments (the national baseline's
	// "keeping the compact" arrangements) that this commitment states in the
	// area's own terms: a rule that enforces one of them enforces this one
	// too, and it is valid in an area whose compact has only this one.
	Restates []string `json:"restates,omitempty"`

	// Source is where the commitment was written.
	Source Position `json:"-"`
}

// CodeOfPractice is a code adopted with the compact (funding, consultation,
// community groups ...).
type CodeOfPractice struct {
	// ID identifies the code.
	ID string `json:"id"`
	// Title of the code.
	Title string `json:"title"`
	// Summary of what the code asks.
	Summary string `json:"summary,omitempty"`
	// URL where the code is published.
	URL string `json:"url,omitempty"`

	// Source is where the code was written.
	Source Position `json:"-"`
}

// Body is a governance body: a steering group, the champions as a group, a
// leads group, or a board the compact reports to.
type Body struct {
	// ID identifies the body; meetings and reports refer to it.
	ID string `json:"id"`
	// Name of the body.
	Name string `json:"name"`
	// Kind of body.
	Kind BodyKind `json:"kind"`
	// Purpose of the body, as the compact puts it.
	Purpose string `json:"purpose,omitempty"`
	// Represented lists the organisations that have a seat.
	Represented []string `json:"represented,omitempty"`
	// MinMeetingsPerYear is the cadence the compact sets ("at least twice a year").
	MinMeetingsPerYear int `json:"minMeetingsPerYear,omitempty"`
	// Reporting says what the body reports, to whom and how often.
	Reporting *Reporting `json:"reporting,omitempty"`
	// Membership sets the rules for members of the body.
	Membership *Membership `json:"membership,omitempty"`
	// Duties of the body as a whole.
	Duties []string `json:"duties,omitempty"`
	// External marks a body outside the compact's own structures (a
	// partnership board it reports to); it has no meeting cadence to keep.
	External bool `json:"external,omitempty"`

	// Source is where the body was written.
	Source Position `json:"-"`
}

// Reporting is a body's duty to report.
type Reporting struct {
	// To is the id of the body that receives the report.
	To string `json:"to"`
	// EveryMonths is how often a report is due: 12 for an annual report.
	EveryMonths int `json:"everyMonths"`
	// Covers lists what the report covers ("use", "impact", "areas for improvement").
	Covers []string `json:"covers,omitempty"`
}

// Membership is the rules for membership of a body.
type Membership struct {
	// MinTermYears is the shortest membership term.
	MinTermYears int `json:"minTermYears,omitempty"`
	// MinAttendancePerYear is the fewest meetings a member (or deputy) attends a year.
	MinAttendancePerYear int `json:"minAttendancePerYear,omitempty"`
	// WrittenCommitment: an organisation's formal written commitment to the
	// compact is a prerequisite to membership.
	WrittenCommitment bool `json:"writtenCommitment,omitempty"`
	// Seniority expected of members ("Senior Executive Team or nominated deputies").
	Seniority string `json:"seniority,omitempty"`
	// DeputiesAllowed: a nominated deputy may attend in a member's place.
	DeputiesAllowed bool `json:"deputiesAllowed,omitempty"`
	// Balance the membership should strike, as the compact words it.
	Balance string `json:"balance,omitempty"`
}

// SigningRules say what a signature needs to count as endorsement.
type SigningRules struct {
	// Positions that may endorse (Chief Executive, Director).
	Positions []string `json:"positions,omitempty"`
	// WrittenCommitment: signing includes a written commitment to the principles.
	WrittenCommitment bool `json:"writtenCommitment,omitempty"`
	// Statement the signatory confirms.
	Statement string `json:"statement,omitempty"`
}

// DisputeProcedure is how partners challenge a process they believe broke
// the compact. It is data: the stages an area uses, their order and limits.
type DisputeProcedure struct {
	// Scope says what may be challenged ("the process, not a decision").
	Scope string `json:"scope"`
	// Redirect says where challenges outside the scope go (normal complaints).
	Redirect string `json:"redirect,omitempty"`
	// Purpose of reviews ("learning how we can make improvements, not blame").
	Purpose string `json:"purpose,omitempty"`
	// Stages in order; stages of kind advice run alongside the others.
	Stages []Stage `json:"stages"`
	// Clocks are time limits that run from an event whatever the stage
	// (judicial review: three months from the decision).
	Clocks []Clock `json:"clocks,omitempty"`
	// ReportTo is the body whose annual report summarises challenges and actions.
	ReportTo string `json:"reportTo,omitempty"`
	// IndependentAdmissibility: whoever rules a challenge admissible, or
	// redirects it to the complaints procedure, comes from neither party
	// (a steering-group member of the respondent council may not).
	IndependentAdmissibility bool `json:"independentAdmissibility,omitempty"`

	// Source is where the procedure was written.
	Source Position `json:"-"`
}

// Stage is one step of a dispute procedure.
type Stage struct {
	// ID identifies the stage.
	ID string `json:"id"`
	// Name of the stage.
	Name string `json:"name"`
	// Kind of stage.
	Kind StageKind `json:"kind"`
	// Description as the compact words it.
	Description string `json:"description,omitempty"`
	// Body that handles the stage (the steering group), if any.
	Body string `json:"body,omitempty"`
	// Handler names an outside handler (Local Government Ombudsman).
	Handler string `json:"handler,omitempty"`
	// MinReviewers is how many people must be nominated to consider the case.
	MinReviewers int `json:"minReviewers,omitempty"`
	// IndependentReviewers: reviewers may not come from either party.
	IndependentReviewers bool `json:"independentReviewers,omitempty"`
	// Inform lists the roles told of the outcome (the compact champions).
	Inform []string `json:"inform,omitempty"`
	// Limits are the stage's time limits.
	Limits []Limit `json:"limits,omitempty"`
	// After lists stages that must be finished (or overrun) before this one.
	After []string `json:"after,omitempty"`
	// Optional stages may be skipped.
	Optional bool `json:"optional,omitempty"`
	// Guards are conditions the area adds, in CEL, where data is not enough:
	// an event at the stage, or moving a case to it, is refused unless each
	// guard that applies to it holds. Package dispute documents the
	// variables a guard can read.
	Guards []Guard `json:"guards,omitempty"`

	// Source is where the stage was written.
	Source Position `json:"-"`
}

// Guard is a condition on the events of a dispute stage, in CEL.
type Guard struct {
	// ID identifies the guard within its stage.
	ID string `json:"id"`
	// On lists the event types the guard applies to; every event when empty.
	On []string `json:"on,omitempty"`
	// Check is the CEL condition that must hold for the event to be accepted.
	Check string `json:"check"`
	// Message says why an event is refused when the check does not hold.
	Message string `json:"message"`
}

// Limit is a time limit: do something within N units of an event.
type Limit struct {
	// ID identifies the limit within its stage (acknowledge, respond).
	ID string `json:"id"`
	// Name says what must be done ("acknowledge the complaint").
	Name string `json:"name"`
	// Within is how many units are allowed.
	Within int `json:"within"`
	// Unit of Within.
	Unit TimeUnit `json:"unit"`
	// From is what the time is counted from: the day the stage started when
	// empty, or a case date (decision, aware, raised), an event type
	// (acknowledged, stage-2-requested) or a stage id. Package dispute
	// documents and checks the vocabulary.
	From string `json:"from,omitempty"`
	// Until is what meets the limit: an event type (acknowledged) or a stage
	// id (the case reaching that stage); when empty, the stage finishing.
	Until string `json:"until,omitempty"`
	// When is a CEL condition on the case; the limit applies only to cases
	// for which it holds (package dispute documents its variables).
	When string `json:"when,omitempty"`
	// AppliesFrom is the first day the limit is in force (the day a code of
	// practice took effect): a stage entered before it is judged without
	// the limit. Always in force when not given.
	AppliesFrom Date `json:"appliesFrom,omitzero"`
}

// Clock is a time limit that runs from an event regardless of stage.
type Clock struct {
	// ID identifies the clock.
	ID string `json:"id"`
	// Name says what the deadline is for ("apply for judicial review").
	Name string `json:"name"`
	// Within is how many units are allowed.
	Within int `json:"within"`
	// Unit of Within.
	Unit TimeUnit `json:"unit"`
	// From is what the time is counted from: a case date (decision, aware,
	// raised), an event type or a stage id (see package dispute).
	From string `json:"from"`
	// Until is what stops the clock: an event type or a stage id (the case
	// reaching judicial review); when empty, the case closing.
	Until string `json:"until,omitempty"`
	// When is a CEL condition on the case; the clock runs only for cases
	// for which it holds (package dispute documents its variables).
	When string `json:"when,omitempty"`
	// WarnDays before the deadline, a warning is due.
	WarnDays int `json:"warnDays,omitempty"`
	// AppliesFrom is the first day the clock is in force: a clock that
	// would start before it does not run. Always in force when not given.
	AppliesFrom Date `json:"appliesFrom,omitzero"`
}

// Review is how the compact itself is kept up to date.
type Review struct {
	// EveryYears is how often the compact is reviewed.
	EveryYears int `json:"everyYears,omitempty"`
	// Next is when the next review is due.
	Next Date `json:"next,omitzero"`
	// By is the id of the body that reviews it.
	By string `json:"by,omitempty"`
	// Text describes the review arrangements.
	Text string `json:"text,omitempty"`
}
