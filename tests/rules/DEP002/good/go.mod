module example.org/emr

go 1.21

require (
	golang.org/x/text v0.3.7
	github.com/google/uuid v1.3.0
)

// The vulnerable version is replaced by a fixed one: what gets built is not affected.
replace golang.org/x/text v0.3.7 => golang.org/x/text v0.3.8
