package io.needleguard.rules;

import java.util.List;

/** One safety rule. Pure: the same context gives the same findings. */
public interface Rule {

    /** The rule id this rule reports under; part of the public contract. */
    String id();

    List<Finding> check(RuleContext context);
}
