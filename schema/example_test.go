package schema_test

import (
	"encoding/json"
	"fmt"

	"github.com/compactkit/compactkit/schema"
)

// Look up a kind's schema and read its $id and required fields.
func ExamplePublished() {
	k, ok := schema.Find("compact")
	if !ok {
		return
	}
	b, err := schema.Published(k)
	if err != nil {
		fmt.Println(err)
		return
	}
	var s struct {
		ID       string   `json:"$id"`
		Required []string `json:"required"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.ID)
	fmt.Println(s.Required)
	// Output:
	// https://compactkit.org/schema/v1/compact.json
	// [apiVersion kind id title]
}

// Name the schema of every document in a file, for editors.
func ExampleAnnotate() {
	doc := `# Our area's records.
apiVersion: compactkit/v1
kind: Records
period: 2024-25
---
apiVersion: compactkit/v1
kind: Directory
`
	out, err := schema.Annotate("area.yaml", []byte(doc), func(k schema.Kind) string { return k.ID })
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// # yaml-language-server: $schema=https://compactkit.org/schema/v1/records.json
	// # Our area's records.
	// apiVersion: compactkit/v1
	// kind: Records
	// period: 2024-25
	// ---
	// # yaml-language-server: $schema=https://compactkit.org/schema/v1/directory.json
	// apiVersion: compactkit/v1
	// kind: Directory
}

// Generate a schema from the Go types, with descriptions from the source of
// the module (here, the folder above the package).
func ExampleGenerator_Generate() {
	g, err := schema.NewGenerator("..")
	if err != nil {
		fmt.Println(err)
		return
	}
	k, _ := schema.Find("Records")
	b, err := g.Generate(k)
	if err != nil {
		fmt.Println(err)
		return
	}
	var s struct {
		Title      string `json:"title"`
		Properties struct {
			Period struct {
				Description string `json:"description"`
			} `json:"period"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Title)
	fmt.Println(s.Properties.Period.Description)
	// Output:
	// Records document (compactkit/v1)
	// period the records cover ("2024-25"). Commands use the latest period of an area's records as the default "as of" date.
}
