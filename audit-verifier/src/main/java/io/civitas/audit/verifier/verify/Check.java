package io.civitas.audit.verifier.verify;

/** One property of a bundle and whether it holds. */
public record Check(String name, boolean holds, String detail) {

    static Check holds(String name, String detail) {
        return new Check(name, true, detail);
    }

    static Check fails(String name, String detail) {
        return new Check(name, false, detail);
    }

    /** One printable line: HOLDS or FAILS, the name, the detail. */
    public String line() {
        return (holds ? "HOLDS  " : "FAILS  ") + name + ": " + detail;
    }
}
