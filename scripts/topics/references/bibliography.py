"""The works the site relies on. A page cites one with ``{{ cite <key> }}``; every entry here is
cited somewhere (tests/topics/test_references.py)."""

from sitebuild.authoring import Reference

chadha = Reference(
    "chadha", ("Aman Chadha",), "Primers: Xavier Initialization", "Distilled AI", 0,
    url="https://aman.ai/primers/ai/xavier-init/",
)  # fmt: skip
katanforoosh2019 = Reference(
    "katanforoosh2019", ("Kian Katanforoosh", "Daniel Kunin"), "Initializing neural networks",
    "deeplearning.ai, AI Notes", 2019, url="https://www.deeplearning.ai/ai-notes/initialization/",
)  # fmt: skip
lecun1998 = Reference(
    "lecun1998", ("Yann LeCun", "Léon Bottou", "Genevieve B. Orr", "Klaus-Robert Müller"),
    "Efficient BackProp", "Neural Networks: Tricks of the Trade, Lecture Notes in Computer "
    "Science 1524, Springer", 1998, doi="10.1007/3-540-49430-8_2",
)  # fmt: skip
glorot2010 = Reference(
    "glorot2010", ("Xavier Glorot", "Yoshua Bengio"),
    "Understanding the difficulty of training deep feedforward neural networks",
    "Proceedings of the 13th International Conference on Artificial Intelligence and "
    "Statistics (AISTATS), PMLR 9", 2010, url="https://proceedings.mlr.press/v9/glorot10a.html",
)  # fmt: skip
he2015 = Reference(
    "he2015", ("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"),
    "Delving deep into rectifiers: surpassing human-level performance on ImageNet "
    "classification", "IEEE International Conference on Computer Vision (ICCV)", 2015,
    doi="10.1109/ICCV.2015.123", arxiv="1502.01852",
)  # fmt: skip
bengio1994 = Reference(
    "bengio1994", ("Yoshua Bengio", "Patrice Simard", "Paolo Frasconi"),
    "Learning long-term dependencies with gradient descent is difficult",
    "IEEE Transactions on Neural Networks 5(2)", 1994, doi="10.1109/72.279181",
)  # fmt: skip
poole2016 = Reference(
    "poole2016", ("Ben Poole", "Subhaneil Lahiri", "Maithra Raghu", "Jascha Sohl-Dickstein",
                  "Surya Ganguli"),
    "Exponential expressivity in deep neural networks through transient chaos",
    "Advances in Neural Information Processing Systems 29 (NeurIPS)", 2016, arxiv="1606.05340",
)  # fmt: skip
paszke2019 = Reference(
    "paszke2019", ("Adam Paszke", "Sam Gross", "Francisco Massa", "Adam Lerer",
                   "James Bradbury", "Gregory Chanan", "Trevor Killeen", "Zeming Lin",
                   "Natalia Gimelshein", "Luca Antiga", "Alban Desmaison", "Andreas Köpf",
                   "Edward Yang", "Zach DeVito", "Martin Raison", "Alykhan Tejani",
                   "Sasank Chilamkurthy", "Benoit Steiner", "Lu Fang", "Junjie Bai",
                   "Soumith Chintala"),
    "PyTorch: an imperative style, high-performance deep learning library",
    "Advances in Neural Information Processing Systems 32 (NeurIPS)", 2019, arxiv="1912.01703",
)  # fmt: skip
saxe2014 = Reference(
    "saxe2014", ("Andrew M. Saxe", "James L. McClelland", "Surya Ganguli"),
    "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks",
    "International Conference on Learning Representations (ICLR)", 2014, arxiv="1312.6120",
)  # fmt: skip
klambauer2017 = Reference(
    "klambauer2017", ("Günter Klambauer", "Thomas Unterthiner", "Andreas Mayr", "Sepp Hochreiter"),
    "Self-normalizing neural networks",
    "Advances in Neural Information Processing Systems 30 (NeurIPS)", 2017, arxiv="1706.02515",
)  # fmt: skip
hendrycks2016 = Reference(
    "hendrycks2016", ("Dan Hendrycks", "Kevin Gimpel"), "Gaussian error linear units (GELUs)",
    "arXiv preprint", 2016, arxiv="1606.08415",
)  # fmt: skip
ramachandran2017 = Reference(
    "ramachandran2017", ("Prajit Ramachandran", "Barret Zoph", "Quoc V. Le"),
    "Searching for activation functions", "arXiv preprint", 2017, arxiv="1710.05941",
)  # fmt: skip
elfwing2018 = Reference(
    "elfwing2018", ("Stefan Elfwing", "Eiji Uchibe", "Kenji Doya"),
    "Sigmoid-weighted linear units for neural network function approximation in reinforcement "
    "learning", "Neural Networks 107", 2018, doi="10.1016/j.neunet.2017.12.012",
    arxiv="1702.03118",
)  # fmt: skip
gers2000 = Reference(
    "gers2000", ("Felix A. Gers", "Jürgen Schmidhuber", "Fred Cummins"),
    "Learning to forget: continual prediction with LSTM", "Neural Computation 12(10)", 2000,
    doi="10.1162/089976600300015015",
)  # fmt: skip
jozefowicz2015 = Reference(
    "jozefowicz2015", ("Rafal Jozefowicz", "Wojciech Zaremba", "Ilya Sutskever"),
    "An empirical exploration of recurrent network architectures",
    "Proceedings of the 32nd International Conference on Machine Learning (ICML), PMLR 37", 2015,
    url="https://proceedings.mlr.press/v37/jozefowicz15.html",
)  # fmt: skip
lin2017 = Reference(
    "lin2017", ("Tsung-Yi Lin", "Priya Goyal", "Ross Girshick", "Kaiming He", "Piotr Dollár"),
    "Focal loss for dense object detection",
    "IEEE International Conference on Computer Vision (ICCV)", 2017, arxiv="1708.02002",
)  # fmt: skip
pennington2017 = Reference(
    "pennington2017", ("Jeffrey Pennington", "Samuel S. Schoenholz", "Surya Ganguli"),
    "Resurrecting the sigmoid in deep learning through dynamical isometry: theory and practice",
    "Advances in Neural Information Processing Systems 30 (NeurIPS)", 2017, arxiv="1711.04735",
)  # fmt: skip
mishkin2016 = Reference(
    "mishkin2016", ("Dmytro Mishkin", "Jiri Matas"), "All you need is a good init",
    "International Conference on Learning Representations (ICLR)", 2016, arxiv="1511.06422",
)  # fmt: skip
mishkin = Reference(
    "mishkin", ("Dmytro Mishkin",),
    "LSUVinit: the reference implementation of LSUV for Caffe (tools/extra/lsuv_init.py)",
    "GitHub repository", 0, url="https://github.com/ducha-aiki/LSUVinit",
)  # fmt: skip
he2016 = Reference(
    "he2016", ("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"),
    "Deep residual learning for image recognition",
    "IEEE Conference on Computer Vision and Pattern Recognition (CVPR)", 2016,
    doi="10.1109/CVPR.2016.90", arxiv="1512.03385",
)  # fmt: skip
ioffe2015 = Reference(
    "ioffe2015", ("Sergey Ioffe", "Christian Szegedy"),
    "Batch normalization: accelerating deep network training by reducing internal covariate "
    "shift", "Proceedings of the 32nd International Conference on Machine Learning (ICML), "
    "PMLR 37", 2015, arxiv="1502.03167",
)  # fmt: skip
ba2016 = Reference(
    "ba2016", ("Jimmy Lei Ba", "Jamie Ryan Kiros", "Geoffrey E. Hinton"), "Layer normalization",
    "arXiv preprint", 2016, arxiv="1607.06450",
)  # fmt: skip
radford2019 = Reference(
    "radford2019", ("Alec Radford", "Jeffrey Wu", "Rewon Child", "David Luan", "Dario Amodei",
                    "Ilya Sutskever"),
    "Language models are unsupervised multitask learners", "OpenAI technical report", 2019,
    url="https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf",
)  # fmt: skip
zhang2019 = Reference(
    "zhang2019", ("Hongyi Zhang", "Yann N. Dauphin", "Tengyu Ma"),
    "Fixup initialization: residual learning without normalization",
    "International Conference on Learning Representations (ICLR)", 2019, arxiv="1901.09321",
)  # fmt: skip
bachlechner2020 = Reference(
    "bachlechner2020", ("Thomas Bachlechner", "Bodhisattwa Prasad Majumder", "Huanru Henry Mao",
                        "Garrison W. Cottrell", "Julian McAuley"),
    "ReZero is all you need: fast convergence at large depth", "arXiv preprint", 2020,
    arxiv="2003.04887",
)  # fmt: skip
goyal2017 = Reference(
    "goyal2017", ("Priya Goyal", "Piotr Dollár", "Ross Girshick", "Pieter Noordhuis",
                  "Lukasz Wesolowski", "Aapo Kyrola", "Andrew Tulloch", "Yangqing Jia",
                  "Kaiming He"),
    "Accurate, large minibatch SGD: training ImageNet in 1 hour", "arXiv preprint", 2017,
    arxiv="1706.02677",
)  # fmt: skip
yang2021 = Reference(
    "yang2021", ("Greg Yang", "Edward J. Hu"),
    "Tensor Programs IV: feature learning in infinite-width neural networks",
    "Proceedings of the 38th International Conference on Machine Learning (ICML), PMLR 139",
    2021, arxiv="2011.14522",
)  # fmt: skip
yang2022 = Reference(
    "yang2022", ("Greg Yang", "Edward J. Hu", "Igor Babuschkin", "Szymon Sidor", "Xiaodong Liu",
                 "David Farhi", "Nick Ryder", "Jakub Pachocki", "Weizhu Chen", "Jianfeng Gao"),
    "Tensor Programs V: tuning large neural networks via zero-shot hyperparameter transfer",
    "arXiv preprint; a shorter version appeared in Advances in Neural Information Processing "
    "Systems 34 (NeurIPS 2021)", 2022, arxiv="2203.03466",
)  # fmt: skip
