/**
 * What every page shares: the home page that tells each kind of user where to go, the
 * login page, the layout and the stylesheet.
 */
package fr.parcourscpts.system;
