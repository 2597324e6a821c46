package io.zkinfer.circuits.compile;

/**
 * A node of a quantized model that the compiler cannot turn into constraints, although the integer executor may run
 * it: the message names the operator, the node, the gadget that is missing and what adding it would take.
 */
public final class UnsupportedOperatorException extends IllegalArgumentException {

    private final String operator;
    private final String node;

    /**
     * @param operator  the node's operator type, e.g. {@code Gather}
     * @param node      the node's name
     * @param problem   what about this node the compiler cannot constrain
     * @param missing   the gadget that would be needed
     * @param wouldTake what adding it would take (construction and cost)
     */
    public UnsupportedOperatorException(String operator, String node, String problem, String missing,
                                        String wouldTake) {
        super("cannot compile " + operator + " node '" + node + "': " + problem + "; missing gadget: " + missing
                + "; it would take " + wouldTake);
        this.operator = operator;
        this.node = node;
    }

    /** The operator type of the refused node. */
    public String operator() {
        return operator;
    }

    /** The name of the refused node. */
    public String node() {
        return node;
    }
}
