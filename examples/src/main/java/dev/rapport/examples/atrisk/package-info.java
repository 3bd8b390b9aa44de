/**
 * How well engagement models tell who is about to lapse, measured on the online-retail log:
 * {@link dev.rapport.examples.atrisk.AtRiskEvaluation}.
 */
package dev.rapport.examples.atrisk;
