package roles

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/compactkit/compactkit/compact"
)

func TestScratchExamples(t *testing.T) {
	dir := os.Getenv("MERGED")
	if dir == "" {
		t.Skip()
	}
	lib, err := compact.LoadLibrary(filepath.Join(dir, "national"))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"kent", "kirklees", "worcestershire", "lincolnshire-rutland", "compact-voice-ocs", "national"} {
		area, err := compact.LoadArea(filepath.Join(dir, a), compact.WithLibrary(lib))
		if err != nil {
			fmt.Println(a, "LOAD", err)
			continue
		}
		reg, err := New(area)
		if err != nil {
			fmt.Println(a, "ROLES", err)
			continue
		}
		on := area.Records.Period.To
		fmt.Println("=====", a, on)
		for _, h := range reg.Held(on) {
			fmt.Printf("  %-28s %-32s %-18s %-10s %s %s\n", h.Role, h.Organisation, h.Person, h.Basis, h.ImpliedBy, h.DeputyFor)
		}
		for _, v := range reg.Vacancies(on) {
			fmt.Println("  VAC", v.Reason)
		}
		for _, e := range reg.EndingWithin(on, 90) {
			fmt.Println("  END", e.Role, e.Organisation, e.Person, e.To)
		}
	}
}
