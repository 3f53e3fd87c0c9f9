package io.needleguard.bench;

/** The JVM's floor: what starting Java and printing a line costs on this machine. */
public final class Hello {

    private Hello() {}

    public static void main(String[] args) {
        System.out.println("hello world");
    }
}
