/**
 * What differs between the kinds of database, behind one interface: {@link
 * dev.vigil.engine.DatabaseEngine}, one implementation per engine in a subpackage, chosen by {@link
 * dev.vigil.engine.DatabaseEngines}. Here also is what every engine works with on a pass: the
 * {@link dev.vigil.engine.PassContext}, the owned objects and Secrets it names, the engine's {@link
 * dev.vigil.engine.EngineStep} and what it found, and the credentials and errors of the database
 * clients. Nothing outside this package and {@code api} branches on the engine.
 */
package dev.vigil.engine;
