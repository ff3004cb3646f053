// Command k8s-types writes what svcgen's decoding step needs to know about one Kubernetes version's API
// types, read from the k8s.io/api (and apiextensions, kube-aggregator) Go types by reflection and
// from their source's `+genclient:nonNamespaced` tags:
//
//   - for every built-in group/version/kind: its root type and whether it is namespaced;
//   - for every struct type: each JSON field and its Go shape (pointer or not, scalar kind, slice,
//     map, nested struct, or a type with its own JSON decoding).
//
// Go's JSON decoding into these types is where the API server's "unset" comes from: a zero value
// of a non-pointer field is indistinguishable from an absent one, and null is always unset.
// Run through scripts/gen-k8s-types.js, once per version (scripts/k8s-types/v1.NN/ holds each go.mod);
// the output is committed (lib/validate/schema/k8s-types.json).
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	clientscheme "k8s.io/client-go/kubernetes/scheme"
	apiregistrationv1 "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1"
)

type kindInfo struct {
	Type       string `json:"type"`
	Namespaced bool   `json:"namespaced"`
}

type output struct {
	Source string                       `json:"source"`
	Kinds  map[string]kindInfo          `json:"kinds"`
	Types  map[string]map[string]string `json:"types"`
}

var jsonUnmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

func typeName(t reflect.Type) string {
	pkg := t.PkgPath()
	for _, prefix := range []string{"k8s.io/api/", "k8s.io/apimachinery/pkg/apis/", "k8s.io/apiextensions-apiserver/pkg/apis/", "k8s.io/kube-aggregator/pkg/apis/", "k8s.io/apimachinery/pkg/"} {
		pkg = strings.TrimPrefix(pkg, prefix)
	}
	return pkg + "." + t.Name()
}

// shape describes a type as the decoder sees it:
// "string", "int", "bool", "number" (non-pointer scalars), "*string"... (pointers to scalars),
// "quantity", "intorstring", "time" and "raw" (own JSON decoding), "bytes" ([]byte, base64),
// "any" (interface), "T:<name>" / "*T:<name>" (structs), "[]<shape>", "map[]<shape>".
func shape(t reflect.Type, types map[string]map[string]string) string {
	if t.Kind() == reflect.Pointer {
		return "*" + shape(t.Elem(), types)
	}
	if t.Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		// types with their own JSON decoding: the ones whose decoding refuses values are named
		switch t.PkgPath() + "." + t.Name() {
		case "k8s.io/apimachinery/pkg/api/resource.Quantity":
			return "quantity"
		case "k8s.io/apimachinery/pkg/util/intstr.IntOrString":
			return "intorstring"
		case "k8s.io/apimachinery/pkg/apis/meta/v1.Time", "k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime":
			return "time"
		}
		return "raw"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "int"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Interface:
		return "any"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "bytes"
		}
		return "[]" + shape(t.Elem(), types)
	case reflect.Map:
		return "map[]" + shape(t.Elem(), types)
	case reflect.Struct:
		name := typeName(t)
		if _, done := types[name]; !done {
			fields := map[string]string{}
			types[name] = fields
			collect(t, fields, types)
		}
		return "T:" + name
	}
	panic(fmt.Sprintf("unhandled type %s", t))
}

func collect(t reflect.Type, fields map[string]string, types map[string]map[string]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name := strings.Split(tag, ",")[0]
		if name == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		if f.Anonymous && (name == "" || strings.Contains(tag, ",inline")) {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			collect(ft, fields, types)
			continue
		}
		if strings.Contains(tag, ",inline") {
			collect(f.Type, fields, types)
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = shape(f.Type, types)
	}
}

// clusterScoped reads the `+genclient:nonNamespaced` tags of the type declarations in a package's source.
func clusterScoped(dirs []string) map[string]bool {
	out := map[string]bool{}
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "types.go"))
		for _, file := range files {
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ParseComments)
			if err != nil {
				panic(err)
			}
			// the tags stand in comment blocks between the previous declaration and the type, often
			// separated from the type's own doc comment by a blank line
			prevEnd := f.Package
			for _, decl := range f.Decls {
				g, ok := decl.(*ast.GenDecl)
				tags := ""
				for _, c := range f.Comments {
					if c.Pos() > prevEnd && c.End() <= decl.Pos() {
						tags += commentsRaw(c)
					}
				}
				prevEnd = decl.End()
				if !ok || g.Tok != token.TYPE || !strings.Contains(tags, "+genclient:nonNamespaced") {
					continue
				}
				for _, s := range g.Specs {
					out[dir+"|"+s.(*ast.TypeSpec).Name.Name] = true
				}
			}
		}
	}
	return out
}

func commentsRaw(c *ast.CommentGroup) string {
	var b strings.Builder
	for _, l := range c.List {
		b.WriteString(l.Text)
		b.WriteString("\n")
	}
	return b.String()
}

func main() {
	moduleDirs := map[string]string{}
	version := "?"
	for _, arg := range os.Args[1:] { // -source=<version>, then module=dir pairs, from `go list -m -json`
		if strings.HasPrefix(arg, "-source=") {
			version = strings.TrimPrefix(arg, "-source=")
			continue
		}
		parts := strings.SplitN(arg, "=", 2)
		moduleDirs[parts[0]] = parts[1]
	}
	scheme := runtime.NewScheme()
	must(clientscheme.AddToScheme(scheme))
	must(apiextensionsv1.AddToScheme(scheme))
	must(apiregistrationv1.AddToScheme(scheme))

	out := output{
		Source: "k8s.io/api, k8s.io/apimachinery, k8s.io/apiextensions-apiserver, k8s.io/kube-aggregator " + version + " (Go types, by reflection; scope from +genclient:nonNamespaced)",
		Kinds:  map[string]kindInfo{},
		Types:  map[string]map[string]string{},
	}
	dirOf := func(t reflect.Type) string {
		for mod, dir := range moduleDirs {
			if strings.HasPrefix(t.PkgPath(), mod+"/") {
				return filepath.Join(dir, strings.TrimPrefix(t.PkgPath(), mod+"/"))
			}
		}
		panic("no module folder for " + t.PkgPath())
	}
	var pkgDirs []string
	seenDir := map[string]bool{}
	roots := map[schema.GroupVersionKind]reflect.Type{}
	for gvk, t := range scheme.AllKnownTypes() {
		if gvk.Version == runtime.APIVersionInternal || strings.HasSuffix(gvk.Kind, "List") || gvk.Kind == "WatchEvent" || strings.HasSuffix(gvk.Kind, "Options") {
			continue
		}
		if _, ok := t.FieldByName("ObjectMeta"); !ok {
			continue // not a stored object (Status, APIGroup, reviews, ...)
		}
		roots[gvk] = t
		if d := dirOf(t); !seenDir[d] {
			seenDir[d] = true
			pkgDirs = append(pkgDirs, d)
		}
	}
	scoped := clusterScoped(pkgDirs)
	for gvk, t := range roots {
		av := gvk.Version
		if gvk.Group != "" {
			av = gvk.Group + "/" + gvk.Version
		}
		out.Kinds[av+"/"+gvk.Kind] = kindInfo{Type: strings.TrimPrefix(shape(t, out.Types), "T:"), Namespaced: !scoped[dirOf(t)+"|"+t.Name()]}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	must(enc.Encode(out))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
