module example.org/emr

go 1.21

require (
	github.com/google/uuid v1.3.0
	// expect: DEP002
	golang.org/x/text v0.3.7 // indirect
)
