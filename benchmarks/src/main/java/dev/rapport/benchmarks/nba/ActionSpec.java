package dev.rapport.benchmarks.nba;

/**
 * An action that rules may propose, as every engine sees it.
 *
 * @param name the action's name, unique in its workload
 * @param topic its topic: a top-3 pick takes at most one action per topic
 * @param inApp whether it is shown in the app (preferred channel in-app, then email) rather than
 *     emailed; only Rapport's gate looks at channels
 */
public record ActionSpec(String name, String topic, boolean inApp) {}
