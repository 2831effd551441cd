package dispute

// conditions are the area's own conditions on events, compiled.
type conditions struct{}

func compileConditions(*Procedure) (*conditions, error) { return &conditions{}, nil }

// conditions checks the area's own conditions on the event.
func (s *stepper) conditions() *Refusal { return nil }
