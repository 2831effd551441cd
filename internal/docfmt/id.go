package docfmt

import "regexp"

// MaxIDLength is the longest id allowed. Ids are keys people type and read
// in reports; anything longer is a paste error.
const MaxIDLength = 100

var paramPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// ValidID reports whether s can be used as an id: letters, digits, '.', '_'
// and '-', starting with a letter or digit, at most MaxIDLength long (the
// pattern ^[A-Za-z0-9][A-Za-z0-9._-]*$, matched by hand: every record's id
// is checked, a million of them in a national run).
func ValidID(s string) bool {
	if s == "" || len(s) > MaxIDLength || !alnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !alnum(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// alnum reports whether c is an ASCII letter or digit.
func alnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// ValidParameterName reports whether s can name a parameter. Parameter names
// are used in CEL expressions (params.fundingNoticeMonths), so they follow
// CEL's identifier rules.
func ValidParameterName(s string) bool { return len(s) <= MaxIDLength && paramPattern.MatchString(s) }
