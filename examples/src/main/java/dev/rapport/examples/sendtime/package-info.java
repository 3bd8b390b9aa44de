/**
 * How well send-time optimisation predicts when customers act, measured on the online-retail
 * log: {@link dev.rapport.examples.sendtime.SendTimeEvaluation}.
 */
package dev.rapport.examples.sendtime;
