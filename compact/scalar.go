package compact

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/compactkit/compactkit/internal/docfmt"
)

// Value is a parameter value: an integer, a number, a string or a boolean.
// Compacts and rule packs use values for the numbers a local area may change
// (the funding notice period, the consultation length). The zero Value is
// "no value".
type Value struct {
	v any // nil, int64, float64, string or bool
}

// IntValue returns a Value holding the integer i.
func IntValue(i int64) Value { return Value{v: i} }

// FloatValue returns a Value holding the number f.
func FloatValue(f float64) Value { return Value{v: f} }

// StringValue returns a Value holding the string s.
func StringValue(s string) Value { return Value{v: s} }

// BoolValue returns a Value holding b.
func BoolValue(b bool) Value { return Value{v: b} }

// ValueType names the type of a Value; it is also how rule packs declare the
// type of a parameter.
type ValueType string

// The types a Value can have.
const (
	TypeInt    ValueType = "int"
	TypeFloat  ValueType = "double"
	TypeString ValueType = "string"
	TypeBool   ValueType = "bool"
)

// Type returns the type of the value, or "" for the zero Value.
func (v Value) Type() ValueType {
	switch v.v.(type) {
	case int64:
		return TypeInt
	case float64:
		return TypeFloat
	case string:
		return TypeString
	case bool:
		return TypeBool
	}
	return ""
}

// IsZero reports whether v holds no value.
func (v Value) IsZero() bool { return v.v == nil }

// Interface returns the value as int64, float64, string or bool (nil for the
// zero Value).
func (v Value) Interface() any { return v.v }

// AsInt returns the value as an integer, if it is one.
func (v Value) AsInt() (int64, bool) { i, ok := v.v.(int64); return i, ok }

// AsFloat returns the value as a number; an integer converts.
func (v Value) AsFloat() (float64, bool) {
	switch x := v.v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	}
	return 0, false
}

// AsString returns the value as a string, if it is one.
func (v Value) AsString() (string, bool) { s, ok := v.v.(string); return s, ok }

// AsBool returns the value as a boolean, if it is one.
func (v Value) AsBool() (bool, bool) { b, ok := v.v.(bool); return b, ok }

// String formats the value for people.
func (v Value) String() string {
	switch x := v.v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// MarshalJSON writes the value as a JSON number, string or boolean.
func (v Value) MarshalJSON() ([]byte, error) { return json.Marshal(v.v) }

// UnmarshalJSON reads a JSON number, string or boolean. Whole numbers become
// integers.
func (v *Value) UnmarshalJSON(b []byte) error {
	var x any
	if err := json.Unmarshal(b, &x); err != nil {
		return err
	}
	switch t := x.(type) {
	case string:
		*v = StringValue(t)
	case bool:
		*v = BoolValue(t)
	case float64:
		if i, err := strconv.ParseInt(string(b), 10, 64); err == nil {
			*v = IntValue(i)
		} else {
			*v = FloatValue(t)
		}
	default:
		return fmt.Errorf("a parameter value must be a number, a string or true/false")
	}
	return nil
}

// UnmarshalScalar reads a value from a document. It implements
// [docfmt.ScalarUnmarshaler].
func (v *Value) UnmarshalScalar(s docfmt.Scalar) error {
	switch s.Kind {
	case docfmt.ScalarInt:
		i, err := strconv.ParseInt(s.Text, 0, 64)
		if err != nil {
			return fmt.Errorf("integer %s is out of range", s.Text)
		}
		*v = IntValue(i)
	case docfmt.ScalarFloat:
		f, err := strconv.ParseFloat(s.Text, 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", s.Text)
		}
		*v = FloatValue(f)
	case docfmt.ScalarBool:
		b, err := strconv.ParseBool(s.Text)
		if err != nil {
			return fmt.Errorf("%q is not true or false", s.Text)
		}
		*v = BoolValue(b)
	case docfmt.ScalarString, docfmt.ScalarTimestamp:
		*v = StringValue(s.Text)
	default:
		return &docfmt.TypeMismatch{Want: "a number, a string or true/false", Got: s}
	}
	return nil
}
