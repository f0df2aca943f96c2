package io.civitas.gateway.error;

/** billing-service reported the tenant's monthly token or cost budget exhausted. */
public final class BudgetExhaustedException extends GatewayException {

    public BudgetExhaustedException(String month) {
        super("You exceeded your current quota: your organization's budget for " + month
                + " is exhausted. Please check your plan and billing details.");
    }
}
