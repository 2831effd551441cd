package plan_test

import (
	"context"
	"fmt"
	"log"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/plan"
)

// Plan a reduction in Kent, whose compact gives six months' notice.
func Example() {
	kit, err := compactkit.Load("../examples/kent")
	if err != nil {
		log.Fatal(err)
	}
	engine, err := kit.Engine()
	if err != nil {
		log.Fatal(err)
	}
	draft, err := plan.ReadDraft("testdata/drafts/kent-reduction.yaml", kit.Area)
	if err != nil {
		log.Fatal(err)
	}
	p, err := plan.Make(context.Background(), engine, draft, compact.MustParseDate("2025-01-06"))
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range p.Steps {
		if s.Step == "noticeBy" {
			fmt.Println(plan.Sentence(s))
			fmt.Println(s.Commitment, s.Parameters[0].Name, s.Parameters[0].Words, s.Parameters[0].SetBy.By)
		}
	}
	fmt.Println(len(p.Findings), "findings")
	// Output:
	// Notice must be given in writing by 2025-04-01
	// funding-notice fundingNoticeMonths 6 months dover-district-compact
	// 0 findings
}

// What would fail: a decision on 3 March for a cut on 3 May.
func ExampleMake_findings() {
	kit, err := compactkit.Load("../examples/kent")
	if err != nil {
		log.Fatal(err)
	}
	engine, err := kit.Engine()
	if err != nil {
		log.Fatal(err)
	}
	draft, err := plan.ReadDraft("testdata/drafts/kent-late-decision.yaml", kit.Area)
	if err != nil {
		log.Fatal(err)
	}
	p, err := plan.Make(context.Background(), engine, draft, compact.MustParseDate("2025-01-06"))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range p.Findings {
		fmt.Println(f.Rule+":", f.Message)
	}
	// Output:
	// funding-notice: Dover District Council gave Harbourside Community Centre 2 months' notice of the reduction of its funding; the compact asks for 6
}
