package csl

// computePositions assigns first, subsequent, ibid and near-note as
// citeproc-js does: in a note style, citations in running text and in
// notes are followed separately, and "the citation before" a note's first
// cite is every cite in the previous note, which must be a single cite of
// the same item for ibid.
func (p *Processor) computePositions() {
	lastNote := map[string]int{}
	firstNote := map[string]int{}
	var prevCites [2][]*citeRef // per stream: in text, in notes
	prevNote := [2]int{-1, -1}
	var noteCites []*citeRef // cites so far in the current note
	for ci, ce := range p.cites {
		if p.resetAt[ci] {
			clear(lastNote)
			clear(firstNote)
			prevCites = [2][]*citeRef{}
			prevNote = [2]int{-1, -1}
			noteCites = nil
		}
		stream := 0
		if p.style.IsNote() && ce.c.NoteNumber > 0 {
			stream = 1
		}
		if ce.c.FixedPositions {
			for _, r := range ce.refs {
				if _, ok := firstNote[r.id]; !ok {
					firstNote[r.id] = ce.c.NoteNumber
				}
				lastNote[r.id] = ce.c.NoteNumber
			}
			prevCites[stream] = ce.refs
			continue
		}
		// The cites that count as "the citation before" this one.
		before := prevCites[stream]
		if stream == 1 {
			if prevNote[1] == ce.c.NoteNumber {
				before = noteCites
			} else {
				noteCites = nil
			}
		}
		for i, r := range ce.refs {
			r.noteNumber = ce.c.NoteNumber
			fn, seen := firstNote[r.id]
			if !seen {
				r.position = posFirst
				r.firstNote = 0
				firstNote[r.id] = ce.c.NoteNumber
				lastNote[r.id] = ce.c.NoteNumber
				continue
			}
			r.firstNote = fn
			r.position = posSubsequent
			var prev *citeRef
			if i > 0 {
				prev = ce.refs[i-1]
			} else if len(before) == 1 {
				prev = before[0]
			}
			if prev != nil && prev.id == r.id {
				switch {
				case prev.locator == "" && r.locator == "":
					r.position = posIbid
				case prev.locator == "":
					r.position = posIbidWithLocator
				case r.locator == "":
					r.position = posSubsequent
				case prev.locator == r.locator && locatorLabel(prev.label) == locatorLabel(r.label):
					r.position = posIbid
				default:
					r.position = posIbidWithLocator
				}
			}
			if ln, ok := lastNote[r.id]; ok && ce.c.NoteNumber > 0 && ln > 0 {
				r.nearNote = ce.c.NoteNumber-ln <= p.style.cit.nearNoteDistance
			}
			lastNote[r.id] = ce.c.NoteNumber
		}
		if stream == 1 {
			noteCites = append(noteCites, ce.refs...)
			prevCites[1] = noteCites
			prevNote[1] = ce.c.NoteNumber
		} else {
			prevCites[0] = ce.refs
		}
	}
}
