/**
 * The optimal ate pairing on BN254, e: G1 × G2 → GT, and the multi-pairing check of EIP-197.
 *
 * <p>Miller loop over 6x + 2 in NAF with the two Frobenius-twisted final additions (Vercauteren's optimal ate
 * pairing); homogeneous projective line functions for the D-type twist; the final exponentiation's easy part by
 * Frobenius maps and its hard part by the Fuentes-Castañeda et al. chain, to the same exponent as ffjavascript, so
 * values match snarkjs's {@code vk_alphabeta_12}.
 *
 * <p>References:
 * <ul>
 *   <li>EIP-197, "Precompiled contracts for optimal ate pairing check on the elliptic curve alt_bn128",
 *       https://eips.ethereum.org/EIPS/eip-197 (and EIP-196 for the curve and encodings).</li>
 *   <li>J.-L. Beuchat, J. E. González-Díaz, S. Mitsunari, E. Okamoto, F. Rodríguez-Henríquez and T. Teruya,
 *       "High-Speed Software Implementation of the Optimal Ate Pairing over Barreto–Naehrig Curves",
 *       Pairing 2010 (ePrint 2010/354).</li>
 *   <li>D. F. Aranha, K. Karabina, P. Longa, C. H. Gebotys and J. López, "Faster Explicit Formulas for Computing
 *       Pairings over Ordinary Curves", EUROCRYPT 2011 (ePrint 2010/526): projective doubling/addition steps with
 *       line evaluation.</li>
 *   <li>M. Scott, N. Benger, M. Charlemagne, L. J. Dominguez Perez and E. J. Kachisa, "On the Final Exponentiation
 *       for Calculating Pairings on Ordinary Elliptic Curves", Pairing 2009 (ePrint 2008/490).</li>
 *   <li>L. Fuentes-Castañeda, E. Knapp and F. Rodríguez-Henríquez, "Faster Hashing to G2", SAC 2011: the hard-part
 *       chain for a multiple of (p⁴ − p² + 1)/r.</li>
 *   <li>F. Vercauteren, "Optimal Pairings", IEEE Trans. Inf. Theory 56(1), 2010.</li>
 * </ul>
 */
package io.zkinfer.algebra.pairing;
