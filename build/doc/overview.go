package doc

// Overview is a publication's figures at a glance: the digest's entries
// per norm and per topic. The HTML edition draws each series as a chart
// on the contents page, with the figures as a table beside it.
type Overview struct {
	Series []Series
}

// Series is one chart: a count per norm, or per topic.
type Series struct {
	ID    string // "per-norm", "per-topic": the chart's anchor on the page
	Title string // "Entries per norm"
	Rows  []Count
}

// Count is one bar: a norm or topic and how many entries it has.
type Count struct {
	Label  string // "13(c)", or a topic's title
	Title  string // the norm's short title; "" for a topic
	N      int
	Target *Target // where those entries are listed; nil for nowhere
}
