package dev.vigil.rollout;

/** The ordinal of a StatefulSet pod, from the number its name ends with. */
final class MemberOrdinals {

    private MemberOrdinals() {}

    /** The ordinal {@code podName} ends with, or -1 when it ends with no number. */
    static int of(String podName) {
        int dash = podName.lastIndexOf('-');
        try {
            return Integer.parseInt(podName.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
