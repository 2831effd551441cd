package docfmt

import "regexp"

// MaxIDLength is the longest id allowed. Ids are keys people type and read
// in reports; anything longer is a paste error.
const MaxIDLength = 100

var (
	idPattern    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	paramPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// ValidID reports whether s can be used as an id: letters, digits, '.', '_'
// and '-', starting with a letter or digit, at most MaxIDLength long.
func ValidID(s string) bool { return len(s) <= MaxIDLength && idPattern.MatchString(s) }

// ValidParameterName reports whether s can name a parameter. Parameter names
// are used in CEL expressions (params.fundingNoticeMonths), so they follow
// CEL's identifier rules.
func ValidParameterName(s string) bool { return len(s) <= MaxIDLength && paramPattern.MatchString(s) }
