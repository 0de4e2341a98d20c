/**
 * The annual evaluation of an ACI contract (process {@code evaluation-annuelle}, called
 * five times by {@code contrat-aci}): on the contract anniversary the porteur reports its
 * activity and indicators, the CPAM rates each mission and the ARS co-validates; the
 * payment rules of the DMN table {@code paiement-annuel} and
 * {@link fr.parcourscpts.evaluation.CalculPaiement} give the advance and the balance of
 * the year, and the CPAM decides on termination when missions are not deployed.
 */
package fr.parcourscpts.evaluation;
