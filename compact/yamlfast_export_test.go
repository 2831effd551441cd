package compact

// ParseFastStrict lets the external tests of the fast YAML parser call it
// (they need internal/synth, which imports this package).
var ParseFastStrict = parseFastStrict

// ParseNodes lets them call parseNodes, the fast parser then yaml.v3.
var ParseNodes = parseNodes
