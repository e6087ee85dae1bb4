package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// diagCodes finds every diagnostic code the code base can emit, by reading
// its Go source: the string literal given as the code of source.Diags'
// Errorf and Warnf, of a wrapper whose `code` parameter reaches them (found
// to a fixed point), of a Code/code field in a composite literal, and, for a
// wrapper that prefixes its reader's code (`r.code+"-"+code`), each prefix a
// constructor is given times each suffix. It returns code → a place it is
// used.
func diagCodes(t *testing.T, roots ...string) map[string]string {
	t.Helper()
	type fn struct {
		pkg, name string
		codeIdx   int // index of the string parameter named code, or -1
		decl      *ast.FuncDecl
		prefixed  bool // passes x.code+"-"+code on
	}
	fset := token.NewFileSet()
	var files []*ast.File
	pkgOf := map[*ast.File]string{}
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
			pkgOf[f] = filepath.Dir(p)
			return nil
		})
	}
	funcs := map[string]*fn{}    // pkg dir|receiver type|name
	byName := map[string][]*fn{} // pkg dir|name
	declPkg := map[*ast.FuncDecl]string{}
	pkgDirs := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			declPkg[fd] = pkgOf[f]
			pkgDirs[pkgOf[f]] = true
			idx, i := -1, 0
			for _, field := range fd.Type.Params.List {
				for _, n := range field.Names {
					if n.Name == "code" {
						idx = i
					}
					i++
				}
				if len(field.Names) == 0 {
					i++
				}
			}
			g := &fn{pkg: pkgOf[f], name: fd.Name.Name, codeIdx: idx, decl: fd}
			funcs[pkgOf[f]+"|"+recvType(fd)+"|"+fd.Name.Name] = g
			byName[pkgOf[f]+"|"+fd.Name.Name] = append(byName[pkgOf[f]+"|"+fd.Name.Name], g)
		}
	}
	calleeName := func(call *ast.CallExpr) string {
		switch x := call.Fun.(type) {
		case *ast.SelectorExpr:
			return x.Sel.Name
		case *ast.Ident:
			return x.Name
		}
		return ""
	}
	// isDiagCall: source.Diags' Errorf/Warnf take (span, code, format, ...);
	// fmt.Errorf and t.Errorf take a format first.
	isDiagCall := func(call *ast.CallExpr) bool {
		n := calleeName(call)
		if (n != "Errorf" && n != "Warnf") || len(call.Args) < 3 {
			return false
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && (id.Name == "fmt" || id.Name == "t" || id.Name == "b") {
				return false
			}
		}
		_, lit := call.Args[0].(*ast.BasicLit)
		return !lit
	}
	// resolve finds the function a call inside encl calls: a plain function
	// of the package, a method called on encl's receiver, or the one method
	// of that name. Several candidates are fine when none takes a code.
	resolve := func(call *ast.CallExpr, encl *ast.FuncDecl) *fn {
		pkg := declPkg[encl]
		switch x := call.Fun.(type) {
		case *ast.Ident:
			return funcs[pkg+"||"+x.Name]
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok && encl.Recv != nil && len(encl.Recv.List[0].Names) > 0 && encl.Recv.List[0].Names[0].Name == id.Name {
				if g := funcs[pkg+"|"+recvType(encl)+"|"+x.Sel.Name]; g != nil {
					return g
				}
			}
			cands := byName[pkg+"|"+x.Sel.Name]
			for _, g := range cands[min(1, len(cands)):] {
				if g.codeIdx != cands[0].codeIdx || g.prefixed != cands[0].prefixed {
					t.Errorf("%s: cannot tell which %s is called; call it on the method's receiver", fset.Position(call.Pos()), x.Sel.Name)
					return nil
				}
			}
			if len(cands) > 0 {
				return cands[0]
			}
			// A function of another package: pkgname.Func (yamlerr.Report).
			if id, ok := x.X.(*ast.Ident); ok {
				for dir := range pkgDirs {
					if filepath.Base(dir) == id.Name {
						if g := funcs[dir+"||"+x.Sel.Name]; g != nil {
							return g
						}
					}
				}
			}
		}
		return nil
	}
	// A function's parameter named code is a diagnostic code (every one in
	// the code base is: source.Diags' Errorf and Warnf and the wrappers
	// around them), except in a reader's constructor (newCSLReader) whose
	// methods put the reader's code before theirs: r.code+"-"+code.
	prefixedType := map[string]bool{}
	for _, f := range funcs {
		if f.codeIdx < 0 || f.decl.Body == nil {
			continue
		}
		ast.Inspect(f.decl.Body, func(n ast.Node) bool {
			if b, ok := n.(*ast.BinaryExpr); ok {
				if id, ok := b.Y.(*ast.Ident); ok && id.Name == "code" {
					f.prefixed = true
					prefixedType[f.pkg+"|"+recvType(f.decl)] = true
				}
			}
			return true
		})
	}
	isCode := map[*fn]bool{}
	for _, f := range funcs {
		if f.codeIdx < 0 {
			continue
		}
		isCode[f] = true
		for typ := range prefixedType {
			pkg, name, _ := strings.Cut(typ, "|")
			if f.pkg == pkg && f.decl.Recv == nil && strings.EqualFold(f.name, "new"+name) {
				isCode[f] = false
			}
		}
	}
	codes := map[string]string{}
	note := func(code string, pos token.Pos) {
		if _, ok := codes[code]; !ok {
			p := fset.Position(pos)
			codes[code] = filepath.ToSlash(p.Filename) + ":" + strconv.Itoa(p.Line)
		}
	}
	lit := func(e ast.Expr) (string, bool) {
		b, ok := e.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(b.Value)
		return s, err == nil
	}
	prefixes := map[string][]string{} // pkg → prefixes given to constructors
	suffixes := map[string][]struct {
		s   string
		pos token.Pos
	}{}
	for _, f := range files {
		pkg := pkgOf[f]
		var encl *ast.FuncDecl
		ast.Inspect(f, func(n ast.Node) bool {
			if fd, ok := n.(*ast.FuncDecl); ok {
				encl = fd
			}
			switch x := n.(type) {
			case *ast.CallExpr:
				if isDiagCall(x) {
					if s, ok := lit(x.Args[1]); ok {
						note(s, x.Pos())
					}
					return true
				}
				var g *fn
				if encl != nil {
					g = resolve(x, encl)
				}
				if g == nil || g.codeIdx < 0 || g.codeIdx >= len(x.Args) {
					return true
				}
				s, ok := lit(x.Args[g.codeIdx])
				switch {
				case !ok:
				case isCode[g] && g.prefixed:
					suffixes[pkg] = append(suffixes[pkg], struct {
						s   string
						pos token.Pos
					}{s, x.Pos()})
				case isCode[g]:
					note(s, x.Pos())
				default:
					prefixes[pkg] = append(prefixes[pkg], s)
				}
			case *ast.KeyValueExpr:
				if k, ok := x.Key.(*ast.Ident); ok && (k.Name == "Code" || k.Name == "code") {
					if s, ok := lit(x.Value); ok {
						note(s, x.Pos())
					}
				}
			}
			return true
		})
	}
	for pkg, ss := range suffixes {
		if len(prefixes[pkg]) == 0 {
			t.Errorf("%s: a wrapper prefixes codes, but no constructor gives a prefix", pkg)
		}
		for _, p := range prefixes[pkg] {
			for _, s := range ss {
				note(p+"-"+s.s, s.pos)
			}
		}
	}
	return codes
}

// TestDiagnosticCodesInREADME: every code the code base emits is in the
// README's list, and the list names no code that is not emitted.
func TestDiagnosticCodesInREADME(t *testing.T) {
	used := diagCodes(t, "../../build", "../../cmd")
	if len(used) < 20 {
		t.Fatalf("found only %d codes; the scanner has lost track of the code base", len(used))
	}
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, list, ok := strings.Cut(string(data), "\n### Diagnostic codes\n")
	if !ok {
		t.Fatal("README has no ### Diagnostic codes section")
	}
	if i := strings.Index(list, "\n## "); i >= 0 {
		list = list[:i]
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\|").FindAllStringSubmatch(list, -1) {
		listed[m[1]] = true
	}
	var missing, extra []string
	for c, where := range used {
		if !listed[c] {
			missing = append(missing, c+" ("+where+")")
		}
	}
	for c := range listed {
		if _, ok := used[c]; !ok {
			extra = append(extra, c)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	if len(missing) > 0 {
		t.Errorf("codes used but not in the README's list:\n\t%s", strings.Join(missing, "\n\t"))
	}
	if len(extra) > 0 {
		t.Errorf("codes in the README's list that nothing emits: %s", strings.Join(extra, ", "))
	}
}

// recvType names a method's receiver type ("cslReader"), or "" for a function.
func recvType(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	e := fd.Recv.List[0].Type
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "?"
}
